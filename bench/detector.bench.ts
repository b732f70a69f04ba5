// Reading one pulse of a 16-module AGIPD run from its files and assembling it with the
// AGIPD-1M quadrant geometry: what the viewer does to show one detector image.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AGIPD1M, AGIPD_1MGeometry, RunDirectory } from '../src/core';
import { AGIPD_QUAD_POSITIONS, agipdRingPattern, writeSyntheticRun } from '../src/core/synthetic';
import { measure, type BenchResults } from './timing';

const FRAMES_PER_TRAIN = 4;

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
    const agipd = new AGIPD1M(run);
    const geom = AGIPD_1MGeometry.fromQuadPositions(AGIPD_QUAD_POSITIONS.map(([x, y]) => [x, y]));
    const trainId = run.trainIds[1];
    const pulse = 2;
    // The viewer's path: one frame of each module as a (16, 512, 128) float32 stack.
    const read = () => agipd.getFrame(trainId, pulse);
    const out: BenchResults = {};
    out.agipd_read_1pulse_16modules = await measure(read, { n: 10 });
    out.agipd_read_assemble_1pulse = await measure(() => geom.positionModulesFast(read()), { n: 10 });
    return out;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
