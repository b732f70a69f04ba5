// The Train panel on a run of many control keys (40 devices × 150 keys = 6,000 rows): the
// outline of a train (INDEX only), the values of the 60 rows in view, and every row's value
// read at once (what the panel did before it read only the rows in view).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { slowControl, writeSyntheticRun } from '../src/core/synthetic';
import { ViewerApi } from '../src/worker/api';
import { measure, type BenchResults } from './timing';

export async function run(): Promise<BenchResults> {
  const tmp = mkdtempSync(join(tmpdir(), 'xfel-bench-train-'));
  process.env.XFEL_RUN_VIEWER_CACHE = join(tmp, 'cache');
  try {
    const dir = join(tmp, 'r0001');
    await writeSyntheticRun(dir, { runNumber: 1, nTrains: 20, aggregators: [{ name: 'DA01', devices: [slowControl('SPB_IRU_MOTORS', 40, 150)] }] });
    const api = new ViewerApi();
    const { runId, trainIds } = await api.openRun(dir, 'bench');
    api.train(runId, trainIds[0]); // datasets opened once, as after the first train shown
    let step = 0;
    const nextTrain = () => trainIds[++step % trainIds.length];
    const outline = api.trainOutline(runId, trainIds[0]);
    return {
      train_outline_6000_keys: await measure(() => api.trainOutline(runId, nextTrain()), { n: 10 }),
      train_rows_60_in_view: await measure(() => api.trainRows(runId, nextTrain(), outline.rows.slice(3000, 3060)), { n: 10 }),
      train_all_6000_rows: await measure(() => api.train(runId, nextTrain()), { n: 5 }),
    };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
