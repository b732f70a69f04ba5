// The page side of the doorway. Cancelling long work terminates the worker: h5wasm reads
// are synchronous inside it, so nothing else can interrupt them.
import * as Comlink from 'comlink';
import type { ViewerApi } from './api';

export type Api = Comlink.Remote<ViewerApi>;

let worker: Worker | null = null;
let remote: Api | null = null;

export function api(): Api {
  if (!remote) {
    worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'xfel-core' });
    remote = Comlink.wrap<ViewerApi>(worker);
  }
  return remote;
}

/** Stops whatever the worker is doing; the next call starts a fresh one (open runs are lost). */
export function restartWorker(): void {
  worker?.terminate();
  worker = null;
  remote = null;
}

/** A function the worker may call back (progress reports). */
export const callback = <T extends (...args: never[]) => unknown>(fn: T) => Comlink.proxy(fn);
