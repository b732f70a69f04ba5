// A minimal TypeScript loader for the fresh-process benchmark: it strips types from our .ts
// files only. tsx also re-transforms h5wasm's 4 MB emscripten glue on every start, which
// would make "a new process" measure tsx rather than the library.
import { register } from 'node:module';

register('./tsLoaderHooks.mjs', import.meta.url);
