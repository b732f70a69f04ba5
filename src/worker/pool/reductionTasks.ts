// What a pool worker does: opens the files of a detector's modules once, then reduces the
// (module, train chunk) tasks it is given (core detectorMean). Results are plain data whose
// typed arrays the worker transfers.
import { transfer } from 'comlink';
import {
  H5File, ReadBuffers, RunDirectory, pulseSumsOfTask, roiSumsOfTask, summariseSource, unreadableReason,
  type DataCollection, type PulseMeanOptions, type PulseMeanTask, type PulseSums, type RoiFrameSums,
} from '../../core/index';
import type { H5Source } from '../../core/h5/h5File';
import type { FileSummary } from '../../core/format/fileAccess';
import { HandlePool } from '../../core/format/handlePool';
import { loadH5Wasm } from '../../core/h5/h5wasmModule';

export class ReductionTasks {
  private opened: { key: string; data: Promise<DataCollection> } | null = null;
  /** Task after task reads the same amount: into the same memory. */
  private readonly buffers = new ReadBuffers();
  /** For summarising files (opening a run of many files): each is closed again after. */
  private handles: HandlePool | undefined;

  /** The files holding the sources the tasks read; `key` names this set (kept until another is opened). */
  open(key: string, files: H5Source[]): Promise<void> {
    if (this.opened?.key !== key) this.opened = { key, data: openFiles(files) };
    return this.opened.data.then(() => undefined);
  }

  /**
   * One module's train chunks added up in one call (`onChunk` after each): its sums are
   * allocated and sent once, and the worker never waits for the next chunk.
   */
  async modulePulseSums(key: string, tasks: PulseMeanTask[], options: PulseMeanOptions, onChunk?: () => void): Promise<PulseSums | undefined> {
    const data = await this.data(key);
    let sums: PulseSums | undefined;
    for (const task of tasks) {
      sums = pulseSumsOfTask(data, task, options, this.buffers, sums);
      void onChunk?.();
    }
    return sums;
  }

  /** A region of interest's sum in each frame of the task (its module pixels given). */
  async roiSums(key: string, task: PulseMeanTask, pixels: Int32Array, options: { plane?: number }): Promise<RoiFrameSums> {
    return roiSumsOfTask(await this.data(key), task, pixels, options, this.buffers);
  }

  /** Files' METADATA and INDEX summaries (opening a run with many files), each closed again. */
  async summarise(files: H5Source[]): Promise<Array<FileSummary | { error: string }>> {
    this.handles ??= new HandlePool(await loadH5Wasm());
    const handles = this.handles;
    return files.map((src) => {
      try {
        return summariseSource(handles, src);
      } catch (e) {
        return { error: unreadableReason(e) };
      } finally {
        handles.close(src);
      }
    });
  }

  private data(key: string): Promise<DataCollection> {
    if (this.opened?.key !== key) throw new Error(`pool worker: files for ${key} are not open`);
    return this.opened.data;
  }
}

/** Browser Files go through RunDirectory (its run-map cache); paths (Node) are opened one by one. */
async function openFiles(files: H5Source[]): Promise<DataCollection> {
  if (files.every((f): f is File => typeof f !== 'string')) return RunDirectory(files);
  const [first, ...rest] = await Promise.all(files.map((f) => H5File(f)));
  return first.union(...rest);
}

/** What a pool worker exposes (browser and Node entries alike): results' arrays are transferred, not copied. */
export type ReductionApi = Pick<ReductionTasks, 'open' | 'modulePulseSums' | 'roiSums' | 'summarise'>;

export function reductionEndpoint(): ReductionApi {
  const tasks = new ReductionTasks();
  return {
    open: (key, files) => tasks.open(key, files),
    modulePulseSums: async (key, moduleTasks, options, onChunk) => {
      const sums = await tasks.modulePulseSums(key, moduleTasks, options, onChunk);
      if (!sums) return undefined;
      const buffers = [...sums.groups.values()].flatMap((g) => [g.sum.buffer, ...(g.pixelCounts ? [g.pixelCounts.buffer] : [])]);
      return transfer(sums, buffers as ArrayBuffer[]);
    },
    summarise: (files) => tasks.summarise(files),
    roiSums: async (key, task, pixels, options) => {
      const r = await tasks.roiSums(key, task, pixels, options);
      return transfer(r, [r.trainIds, r.pulseIndex, r.pulseIds, r.cellIds, r.sums, r.counts].map((a) => a.buffer as ArrayBuffer));
    },
  };
}
