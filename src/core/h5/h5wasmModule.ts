// Loads the right h5wasm build once: `h5wasm/node` (reads host files lazily through
// the real file system) in Node, the ESM build (WORKERFS for browser Files) elsewhere.
import type * as H5WasmTypes from 'h5wasm';

export type H5Wasm = typeof H5WasmTypes;

let loading: Promise<H5Wasm> | undefined;

export const isNode =
  typeof process !== 'undefined' && !!process.versions?.node && typeof (globalThis as { window?: unknown }).window === 'undefined'
  && typeof (globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope === 'undefined';

export function loadH5Wasm(): Promise<H5Wasm> {
  loading ??= (async () => {
    // The node build is never bundled for the browser: keep its specifier opaque to Vite.
    const nodeSpecifier = 'h5wasm/node';
    const mod: H5Wasm = isNode
      ? await import(/* @vite-ignore */ nodeSpecifier)
      : await import('h5wasm');
    await mod.ready;
    return mod;
  })();
  return loading;
}

/** The emscripten module behind h5wasm (needs loadH5Wasm() to have resolved). */
export function emscripten(h5: H5Wasm): EmscriptenH5 {
  return (h5 as unknown as { Module: EmscriptenH5 }).Module;
}

export interface EmscriptenH5 {
  HEAPU8: Uint8Array;
  FS: {
    mkdir(path: string): void;
    mount(type: unknown, opts: unknown, mountpoint: string): void;
    unmount(mountpoint: string): void;
    rmdir(path: string): void;
    filesystems: Record<string, unknown>;
  };
  _malloc(n: number): number;
  _free(ptr: number): void;
  get_dataset_data(fileId: bigint, path: string, count: bigint[] | null, offset: bigint[] | null, strides: bigint[] | null, ptr: bigint): number;
  reclaim_vlen_memory_count(fileId: bigint, path: string, attr: string, ptr: bigint, count: bigint[]): void;
  UTF8ToString(ptr: number): string;
}
