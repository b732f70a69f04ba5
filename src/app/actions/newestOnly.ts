// Following a value that changes faster than the worker answers (trains scrubbed with ←/→):
// one request in flight at a time, and the next one is for the newest value only. Asking
// for every value would queue requests in the worker and the view would trail far behind.

export interface NewestOnly<T> {
  /** The value now wanted: asked for at once when nothing is in flight, else once it returns. */
  want(value: T): void;
  /** No more requests, and no more results or errors delivered. */
  stop(): void;
}

export function newestOnly<T, R>(
  ask: (value: T) => Promise<R>,
  onResult: (result: R, value: T) => void,
  onError: (e: unknown) => void,
): NewestOnly<T> {
  let busy = false;
  let stopped = false;
  let next: { value: T } | null = null;

  const run = (value: T) => {
    busy = true;
    ask(value).then(
      (r) => { if (!stopped) onResult(r, value); },
      (e) => { if (!stopped) onError(e); },
    ).finally(() => {
      busy = false;
      const n = next;
      next = null;
      if (n && !stopped) run(n.value);
    });
  };

  return {
    want(value) {
      if (stopped) return;
      if (busy) next = { value };
      else run(value);
    },
    stop() {
      stopped = true;
      next = null;
    },
  };
}
