// HDF5 reads in the worker are synchronous: a file that sends HDF5 into a loop would hold
// the worker forever, and Cancel (checked between files) would never be seen. A watchdog
// fed on every progress report gives up after `ms` without one.

export interface StallWatch {
  /** Progress was made: start the wait again. */
  feed(): void;
  /** From now, give up after `ms` even with progress (Cancel was asked for), with this error. */
  giveUpIn(ms: number, error: () => Error): void;
  /** Rejects once the wait runs out (after onStall); never resolves. */
  stalled: Promise<never>;
  stop(): void;
}

export function stallWatch(ms: number, message: () => string, onStall: () => void): StallWatch {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let deadline = false;
  let reject: (e: Error) => void = () => {};
  const stalled = new Promise<never>((_, r) => { reject = r; });
  stalled.catch(() => {}); // only the race that awaits it reports it
  const arm = (wait: number, error: () => Error) => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      onStall();
      reject(error());
    }, wait);
  };
  arm(ms, () => new Error(message()));
  return {
    feed: () => { if (!deadline) arm(ms, () => new Error(message())); },
    giveUpIn: (wait, error) => {
      deadline = true;
      arm(wait, error);
    },
    stalled,
    stop: () => clearTimeout(timer),
  };
}
