// Reading one pulse of a 16-module AGIPD run from its files and assembling it with the
// AGIPD-1M quadrant geometry: what the viewer does to show one detector image.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AGIPD_1MGeometry, byId, RunDirectory, type DataCollection } from '../src/core';
import { AGIPD_QUAD_POSITIONS, agipdRingPattern, writeSyntheticRun, xtdfSourceName } from '../src/core/synthetic';
import { measure, type BenchResults } from './timing';

const MODULES = 16;
const FRAMES_PER_TRAIN = 4;
const MODULE_PIXELS = 512 * 128;

export async function run(): Promise<BenchResults> {
  const tmp = mkdtempSync(join(tmpdir(), 'xfel-bench-agipd-'));
  process.env.XFEL_RUN_VIEWER_CACHE = join(tmp, 'cache');
  try {
    const dir = join(tmp, 'r0001');
    // Uncompressed, as real raw data.
    await writeSyntheticRun(dir, {
      runNumber: 1, nTrains: 3,
      detector: { type: 'AGIPD', framesPerTrain: FRAMES_PER_TRAIN, gzip: 0, fillFrame: agipdRingPattern() },
    });
    const run = await RunDirectory(dir);
    const geom = AGIPD_1MGeometry.fromQuadPositions(AGIPD_QUAD_POSITIONS.map(([x, y]) => [x, y]));
    const trainId = run.trainIds[1];
    const pulse = 2;
    const read = () => readPulse(run, trainId, pulse);
    const out: BenchResults = {};
    out.agipd_read_1pulse_16modules = await measure(read, { n: 10 });
    out.agipd_read_assemble_1pulse = await measure(() => geom.positionModulesFast(read()), { n: 10 });
    return out;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** One pulse, data plane only, of all modules as float32 (16, 512, 128). */
function readPulse(run: DataCollection, trainId: number, pulse: number) {
  const train = run.selectTrains(byId.list([trainId]));
  const stack = new Float32Array(MODULES * MODULE_PIXELS);
  for (let m = 0; m < MODULES; m++) {
    // The frames of one train: a single hyperslab per module file.
    const frames = train.getArray(xtdfSourceName('AGIPD', m), 'image.data', { roi: [[0, 1], null, null] });
    const frame = (frames.data as Uint16Array).subarray(pulse * MODULE_PIXELS, (pulse + 1) * MODULE_PIXELS);
    stack.set(frame, m * MODULE_PIXELS);
  }
  return { data: stack, shape: [MODULES, 512, 128], dtype: 'float32' as const };
}
