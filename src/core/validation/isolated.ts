// Untrusted files are opened in worker threads (Node): a WebAssembly instance that hit a
// fatal error is unusable, and a loop inside HDF5 cannot be interrupted from its own
// thread. Each task gets a deadline; a worker that timed out or crashed is replaced.
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { sourceName, type H5Source } from '../h5/h5File';
import { problem, type ValidationOptions } from './problem';
import type { FileChecker, FileResult } from './validate';

export interface IsolatedPoolOptions {
  /** Module whose exported async functions are the tasks (default: isolatedTasks.ts). */
  tasksModule?: URL;
  workers?: number;
  /** Per task; a worker still busy after this is stopped. */
  timeoutMs?: number;
}

/** A task that gave no result: it timed out, or its worker died. The message names the file. */
export class IsolationError extends Error {
  constructor(message: string, readonly file: string) {
    super(message);
    this.name = 'IsolationError';
  }
}

interface Job {
  task: string;
  args: unknown[];
  file: string;
  resolve(value: unknown): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker | null;
  job: Job | null;
  timer?: ReturnType<typeof setTimeout>;
}

type Reply = { ok: true; value: unknown } | { ok: false; message: string; fatal: boolean };

const STARTUP_MS = 20_000;
const DEFAULT_TASKS = new URL('./isolatedTasks.ts', import.meta.url);
const WORKER_ENTRY = new URL('./isolatedWorker.mjs', import.meta.url);

export class IsolatedPool {
  private readonly slots: Slot[];
  private readonly queue: Job[] = [];
  private readonly tasksModule: string;
  private readonly timeoutMs: number;
  /** Workers replaced after a timeout or crash, for reports and tests. */
  replaced = 0;

  constructor(options: IsolatedPoolOptions = {}) {
    this.tasksModule = (options.tasksModule ?? DEFAULT_TASKS).href;
    this.timeoutMs = options.timeoutMs ?? 60_000;
    const n = options.workers ?? Math.max(1, Math.min(4, availableParallelism()));
    this.slots = Array.from({ length: n }, () => ({ worker: null, job: null }));
  }

  /** Runs `task(...args)` in a worker; `file` is what a failure message names. */
  run<T>(task: string, args: unknown[], file: string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ task, args, file, resolve: resolve as (v: unknown) => void, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.worker?.terminate()));
    for (const s of this.slots) s.worker = null;
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (slot.job || this.queue.length === 0) continue;
      const job = this.queue.shift()!;
      slot.job = job;
      if (!slot.worker) {
        slot.worker = this.spawn(slot);
        // Until it reports ready, a new worker is loading TypeScript and h5wasm: not the task's time.
        this.startClock(slot, STARTUP_MS + this.timeoutMs);
      } else {
        this.startClock(slot, this.timeoutMs);
      }
      slot.worker.postMessage({ task: job.task, args: job.args });
    }
  }

  private startClock(slot: Slot, ms: number): void {
    clearTimeout(slot.timer);
    const file = slot.job!.file;
    slot.timer = setTimeout(() => this.fail(slot, `${file}: no result after ${this.timeoutMs / 1000} s (stopped)`), ms);
  }

  private spawn(slot: Slot): Worker {
    // execArgv: [] so a parent started by tsx doesn't pass its loader on (see isolatedWorker.mjs).
    const worker = new Worker(WORKER_ENTRY, { workerData: { tasksModule: this.tasksModule }, execArgv: [] });
    worker.unref();
    worker.on('message', (reply: Reply | 'ready') => {
      if (slot.worker !== worker) return;
      if (reply !== 'ready') this.settle(slot, reply);
      else if (slot.job) this.startClock(slot, this.timeoutMs);
    });
    worker.on('error', (e: Error) => {
      if (slot.worker === worker) this.fail(slot, `${slot.job?.file ?? 'worker'}: worker crashed: ${e.message}`);
    });
    worker.on('exit', (code) => {
      if (slot.worker === worker) this.fail(slot, `${slot.job?.file ?? 'worker'}: worker exited (code ${code})`);
    });
    return worker;
  }

  private settle(slot: Slot, reply: Reply): void {
    const job = this.finish(slot);
    if (!job) return;
    if (reply.ok) {
      job.resolve(reply.value);
    } else {
      // After a WebAssembly trap the instance may be corrupt: start afresh.
      if (reply.fatal) this.replace(slot);
      job.reject(new IsolationError(reply.message, job.file));
    }
    this.dispatch();
  }

  private fail(slot: Slot, message: string): void {
    const job = this.finish(slot);
    this.replace(slot);
    job?.reject(new IsolationError(message, job.file));
    this.dispatch();
  }

  private finish(slot: Slot): Job | null {
    clearTimeout(slot.timer);
    const job = slot.job;
    slot.job = null;
    return job;
  }

  private replace(slot: Slot): void {
    const worker = slot.worker;
    slot.worker = null;
    if (worker) {
      this.replaced++;
      void worker.terminate();
    }
  }
}

/** checkFile in a pool's workers: a file that hangs or crashes its worker becomes a problem. */
export function isolatedFileChecker(pool: IsolatedPool): FileChecker {
  return async (src: H5Source, options: ValidationOptions) => {
    const file = sourceName(src);
    try {
      return await pool.run<FileResult>('checkFile', [src, { skip: [...(options.skip ?? [])] }], file);
    } catch (e) {
      const error = e instanceof Error ? e.message : String(e);
      return { summary: null, problems: [problem('isolation', 'Could not check file', { file, error })] };
    }
  };
}
