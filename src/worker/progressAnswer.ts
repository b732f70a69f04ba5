// Long work reports progress to the page through a callback; the callback's answer (through
// comlink, a promise of it) says whether the page's task was cancelled. Cancel thus reaches
// one piece of work only, not every one running beside it.

/** Calls `stop` once `answer` turns out `true`. */
export function stopWhenAnsweredTrue(answer: unknown, stop: () => void): void {
  void Promise.resolve(answer).then((a) => {
    if (a === true) stop();
  }, () => {});
}
