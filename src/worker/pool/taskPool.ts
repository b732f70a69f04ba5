// A pool of Workers sharing a list of tasks: each worker takes the next task when it is free.
// h5wasm reads are synchronous inside a worker, so cancelling terminates the workers (new
// ones are started for the next job). Works with Web Workers and Node worker threads alike:
// the caller says how to start one.
import type { Remote } from 'comlink';

export interface PoolWorker<A> {
  remote: Remote<A>;
  /** Rejects when the worker dies (an uncaught error, a crash of its WebAssembly). */
  died: Promise<never>;
  terminate(): void;
}

export type SpawnWorker<A> = () => PoolWorker<A>;

export interface PoolRun<T, R> {
  /** Each result as it comes, with the task it answers. */
  onResult(result: R, task: T): void;
  onProgress?(done: number, total: number): void;
  signal?: AbortSignal;
}

export class TaskPool<A> {
  private idle: PoolWorker<A>[] = [];
  private readonly busy = new Set<PoolWorker<A>>();

  constructor(private readonly spawn: SpawnWorker<A>, readonly size: number) {}

  /**
   * Runs `perform` on a worker for every task. Rejects on the first failure, or with an
   * AbortError when `signal` aborts; either way the busy workers are terminated.
   */
  async run<T, R>(tasks: readonly T[], perform: (remote: Remote<A>, task: T) => Promise<R>, how: PoolRun<T, R>): Promise<void> {
    how.signal?.throwIfAborted();
    let next = 0;
    let done = 0;
    let stop: (reason: unknown) => void = () => {};
    const stopped = new Promise<never>((_, reject) => { stop = reject; });
    const onAbort = () => stop(how.signal!.reason ?? new DOMException('Aborted', 'AbortError'));
    how.signal?.addEventListener('abort', onAbort, { once: true });
    // This run's workers: a failing or aborted run terminates only its own, not those of a run started beside it.
    const mine = new Set<PoolWorker<A>>();
    const lane = async () => {
      const worker = this.idle.pop() ?? this.started();
      this.busy.add(worker);
      mine.add(worker);
      while (next < tasks.length) {
        const task = tasks[next++];
        const result = await Promise.race([perform(worker.remote, task), worker.died, stopped]);
        how.onResult(result, task);
        how.onProgress?.(++done, tasks.length);
      }
      this.busy.delete(worker);
      mine.delete(worker);
      this.idle.push(worker);
    };
    try {
      await Promise.race([Promise.all(Array.from({ length: Math.min(this.size, tasks.length) }, lane)), stopped]);
    } catch (e) {
      stop(e);
      this.stop(mine);
      throw e;
    } finally {
      how.signal?.removeEventListener('abort', onAbort);
    }
  }

  private started(): PoolWorker<A> {
    const worker = this.spawn();
    // Its death matters only to the task it is running (raced there); an idle one is replaced when next used.
    worker.died.catch(() => {
      this.idle = this.idle.filter((w) => w !== worker);
    });
    return worker;
  }

  /** Terminates every worker (the next run starts new ones). */
  terminate(): void {
    this.stop(this.busy);
    for (const w of this.idle) w.terminate();
    this.idle = [];
  }

  private stop(workers: Set<PoolWorker<A>>): void {
    for (const w of [...workers]) {
      w.terminate();
      this.busy.delete(w);
    }
    workers.clear();
  }
}
