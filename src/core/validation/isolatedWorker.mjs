// Worker-thread side of IsolatedPool: runs one task at a time from a tasks module.
// Plain JavaScript, because a worker doesn't inherit the parent's TypeScript loader:
// it registers tsx itself when the tasks are TypeScript sources.
import { parentPort, workerData } from 'node:worker_threads';

// h5wasm's 4 MB build is loaded before tsx is, so tsx never transforms it (seconds per worker).
await import('h5wasm/node');
if (workerData.tasksModule.endsWith('.ts')) (await import('tsx/esm/api')).register();
const tasks = await import(workerData.tasksModule);

parentPort.on('message', async ({ task, args }) => {
  try {
    if (typeof tasks[task] !== 'function') throw new Error(`unknown task ${task}`);
    parentPort.postMessage({ ok: true, value: await tasks[task](...args) });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    // A trap (or emscripten's abort) leaves the WebAssembly instance in an unknown state.
    const fatal = e instanceof WebAssembly.RuntimeError || /^Aborted\(|abort\(/.test(message);
    parentPort.postMessage({ ok: false, message, fatal });
  }
});
parentPort.postMessage('ready');
