// The worker side of the doorway: the API, exposed with comlink; typed arrays transferred.
import * as Comlink from 'comlink';
import { ViewerApi } from './api';

const api = new ViewerApi();

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

const transferring: ProxyHandler<object> = {
  get(target, prop, receiver) {
    const member = Reflect.get(target, prop, receiver);
    // api.validation and api.analysis: their results are transferred too
    if (member === api.validation || member === api.analysis) return new Proxy(member, transferring);
    if (typeof member !== 'function') return member;
    return async (...args: unknown[]) => {
      const result = await member.apply(target, args);
      // transfer() keys a WeakMap by the value: only objects can go through it
      return result !== null && typeof result === 'object' ? Comlink.transfer(result, [...buffersOf(result)]) : result;
    };
  },
};

Comlink.expose(new Proxy(api, transferring));
