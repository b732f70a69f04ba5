// plotly.js (strict bundle: no eval, fits the CSP), loaded on first use to keep the page light.
import { useEffect, useRef } from 'react';

let plotly: Promise<typeof import('plotly.js-strict-dist-min').default> | null = null;
/** Starts loading plotly ahead of need (it is big): the Series panel then draws at once. */
export const loadPlotly = () => (plotly ??= import('plotly.js-strict-dist-min').then((m) => m.default));

/** WebGL traces where the browser has WebGL, SVG traces otherwise. */
export const webglAvailable = (() => {
  try {
    return !!document.createElement('canvas').getContext('webgl');
  } catch {
    return false;
  }
})();

export function PlotlyView({ data, layout, testId, height = 480 }: { data: object[]; layout: object; testId?: string; height?: number }) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let live = true;
    loadPlotly().then((P) => {
      if (live && el.current) {
        void P.react(el.current, data, { margin: { t: 30, r: 20, b: 50, l: 70 }, ...layout }, { responsive: true, displaylogo: false })
          .then(() => el.current?.setAttribute('data-ready', 'true'));
      }
    });
    return () => { live = false; };
  }, [data, layout]);
  useEffect(() => () => {
    if (el.current) void loadPlotly().then((P) => el.current && P.purge(el.current));
  }, []);
  return <div ref={el} data-testid={testId} style={{ width: '100%', height }} />;
}
