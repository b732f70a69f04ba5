// Pool workers as Node worker threads, for the viewer's API in Node (tests) and the CLI.
import { Worker } from 'node:worker_threads';
import { wrap } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import type { PoolWorker } from './taskPool';
import type { ReductionApi } from './reductionTasks';

const ENTRY = new URL('./nodeReductionWorker.mjs', import.meta.url);

export function spawnNodeReducer(): PoolWorker<ReductionApi> {
  // execArgv: [] so a parent started with a loader doesn't pass it on (the entry registers tsx).
  const worker = new Worker(ENTRY, { execArgv: [] });
  worker.unref();
  const died = new Promise<never>((_, reject) => {
    worker.on('error', (e) => reject(new Error(`pool worker crashed: ${e instanceof Error ? e.message : String(e)}`)));
    worker.on('exit', (code) => reject(new Error(`pool worker exited (code ${code})`)));
  });
  return { remote: wrap<ReductionApi>(nodeEndpoint(worker)), died, terminate: () => void worker.terminate() };
}
