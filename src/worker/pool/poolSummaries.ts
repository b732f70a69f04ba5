// Opening a run of many files with the Worker pool: each worker reads the METADATA and INDEX
// summaries of a share of the files. In a browser every HDF5 read waits on a round trip to
// the file (FileReaderSync), so several workers overlap those waits.
import type { FileSummariser } from '../../core/index';
import type { TaskPool } from './taskPool';
import type { ReductionApi } from './reductionTasks';

/** Files per task: progress moves, and a worker stays busy between replies. */
const FILES_PER_TASK = 8;

export function poolSummariser(pool: TaskPool<ReductionApi>): FileSummariser {
  return async (files, onDone, signal) => {
    const out: Awaited<ReturnType<FileSummariser>> = new Array(files.length);
    const tasks = [];
    for (let start = 0; start < files.length; start += FILES_PER_TASK) tasks.push({ start, files: files.slice(start, start + FILES_PER_TASK) });
    let done = 0;
    await pool.run(tasks, (remote, task) => remote.summarise(task.files), {
      onResult: (summaries, task) => {
        summaries.forEach((s, i) => (out[task.start + i] = s));
        onDone((done += task.files.length));
      },
      signal,
    });
    return out;
  };
}
