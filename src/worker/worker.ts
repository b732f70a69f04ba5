// The worker side of the doorway: the API, exposed with comlink; typed arrays transferred.
import * as Comlink from 'comlink';
import { ViewerApi } from './api';
import type { PoolWorker } from './pool/taskPool';
import type { ReductionApi } from './pool/reductionTasks';

/** A pool worker, started from this one (nested workers), for per-pulse means over many trains. */
function spawnReducer(): PoolWorker<ReductionApi> {
  const worker = new Worker(new URL('./pool/reductionWorker.ts', import.meta.url), { type: 'module', name: 'xfel-reduce' });
  const died = new Promise<never>((_, reject) => {
    worker.addEventListener('error', (e) => reject(new Error(`pool worker failed: ${e.message || 'could not start'}`)));
  });
  return { remote: Comlink.wrap<ReductionApi>(worker), died, terminate: () => worker.terminate() };
}

// The core worker itself mostly waits while the pool works: one pool worker per other core, 2–6.
const poolSize = Math.min(6, Math.max(2, (navigator.hardwareConcurrency || 2) - 1));
const api = new ViewerApi({ spawnReducer, poolSize });

/** Every ArrayBuffer in a result (the API never returns one it keeps). */
function buffersOf(value: unknown, out = new Set<ArrayBuffer>(), depth = 0): Set<ArrayBuffer> {
  if (depth > 4 || value === null || typeof value !== 'object') return out;
  if (ArrayBuffer.isView(value)) {
    if (value.buffer instanceof ArrayBuffer) out.add(value.buffer);
    return out;
  }
  for (const v of Object.values(value)) buffersOf(v, out, depth + 1);
  return out;
}

/** Marked for comlink to reach as `api().name.method()`. */
const isSubApi = (value: unknown): value is object =>
  value !== null && typeof value === 'object' && Comlink.proxyMarker in value;

const transferring: ProxyHandler<object> = {
  get(target, prop, receiver) {
    const member = Reflect.get(target, prop, receiver);
    // The sub-APIs (api.detector, api.geometry…): their results are transferred too
    if (isSubApi(member)) return new Proxy(member, transferring);
    if (typeof member !== 'function') return member;
    return async (...args: unknown[]) => {
      const result = await member.apply(target, args);
      // transfer() keys a WeakMap by the value: only objects can go through it
      return result !== null && typeof result === 'object' ? Comlink.transfer(result, [...buffersOf(result)]) : result;
    };
  },
};

Comlink.expose(new Proxy(api, transferring));
