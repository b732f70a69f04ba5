// The few plotly.js calls the Series panel makes (the strict bundle ships no types).
declare module 'plotly.js-strict-dist-min' {
  const Plotly: {
    react(el: HTMLElement, data: object[], layout?: object, config?: object): Promise<HTMLElement>;
    purge(el: HTMLElement): void;
  };
  export default Plotly;
}
