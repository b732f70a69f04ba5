// Run by data.bench.ts in a new Node process: how long a first RunDirectory and a first
// getSeries take in a process that has just started. Prints one JSON line.
import { performance } from 'node:perf_hooks';
import { RunDirectory } from '../src/core';
import { loadH5Wasm } from '../src/core/h5/h5wasmModule';

const [runDir, source, key] = process.argv.slice(2);
const t0 = performance.now();
await loadH5Wasm(); // like Python's `import h5py`: excluded from the open time
const t1 = performance.now();
const run = await RunDirectory(runDir);
const t2 = performance.now();
run.getSeries(source, key);
const t3 = performance.now();
console.log(JSON.stringify({ wasm_load_ms: t1 - t0, open_ms: t2 - t1, first_get_series_ms: t3 - t2, since_start_ms: t3 }));
