// A pool worker as a Node worker thread (tests, CLI). Plain JavaScript: a worker thread
// doesn't inherit the parent's TypeScript loader, so it registers tsx itself, after loading
// h5wasm's 4 MB build (which tsx would otherwise transform, seconds per worker).
import { parentPort } from 'node:worker_threads';
import { expose } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';

await import('h5wasm/node');
(await import('tsx/esm/api')).register();
const { reductionEndpoint } = await import('./reductionTasks.ts');
expose(reductionEndpoint(), nodeEndpoint(parentPort));
