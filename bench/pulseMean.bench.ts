// The Detector panel's "Mean per pulse over trains" (docs 3.19) and the ROI panel's series
// on a 16-module AGIPD run: in one thread, and split over a pool of 2 and 4 worker threads
// (the browser app's pool is the same code on Web Workers). The pool's workers are started
// before timing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { agipdRingPattern, writeSyntheticRun } from '../src/core/synthetic';
import { ViewerApi } from '../src/worker/api';
import { spawnNodeReducer } from '../src/worker/pool/nodePool';
import { measure, type BenchResults } from './timing';

const TRAINS = 12;
const FRAMES_PER_TRAIN = 8;

export async function run(): Promise<BenchResults> {
  const tmp = mkdtempSync(join(tmpdir(), 'xfel-bench-mean-'));
  process.env.XFEL_RUN_VIEWER_CACHE = join(tmp, 'cache');
  try {
    const dir = join(tmp, 'r0001');
    // Uncompressed, as real raw data: 16 × 12 × 8 frames of (2, 512, 128) u2, 400 MB.
    await writeSyntheticRun(dir, {
      runNumber: 1, nTrains: TRAINS,
      detector: { type: 'AGIPD', framesPerTrain: FRAMES_PER_TRAIN, gzip: 0, fillFrame: agipdRingPattern() },
    });
    const out: BenchResults = {};
    for (const poolSize of [0, 2, 4]) {
      const api = new ViewerApi(poolSize ? { spawnReducer: spawnNodeReducer, poolSize } : {});
      const opened = await api.openRun(dir, 'bench');
      const req = { detector: opened.detectors[0].name, trainIds: opened.detectors[0].trainIds };
      if (poolSize) await api.detector.trainMean(opened.runId, { ...req, trainIds: req.trainIds.slice(0, poolSize) });
      const name = poolSize ? `agipd_mean_per_pulse_${TRAINS}trains_pool${poolSize}` : `agipd_mean_per_pulse_${TRAINS}trains_1thread`;
      out[name] = await measure(() => api.detector.trainMean(opened.runId, req), { n: 3 });
      // A 100 × 100 pixel ROI on one module, every pulse of every train
      const { geometryId } = api.geometry.default('AGIPD');
      const roi = () => api.detector.roi(opened.runId, { detector: req.detector, geometryId, plane: 'data' }, { x0: 100, x1: 200, y0: 100, y1: 200 }, 'mean', req.trainIds);
      out[name.replace('mean_per_pulse', 'roi_series')] = await measure(roi, { n: 3 });
      api['pool']?.terminate();
    }
    return out;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
