// A minimal TypeScript loader for the demo generator and the benchmarks: it strips types
// from our .ts files only. tsx also re-transforms h5wasm's 4 MB emscripten glue on every
// start (seconds per process), which would dominate the demo's time and "a new process".
import { register } from 'node:module';

register('./tsLoaderHooks.mjs', import.meta.url);
