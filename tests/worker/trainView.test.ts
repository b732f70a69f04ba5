// The Train panel's rows read with previews (readTrainView) equal the rows built from the
// whole train as trainFromId reads it — on every oracle run, for its first, middle and last train.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RunDirectory, type DataCollection } from '../../src/core/index';
import { readTrainView } from '../../src/worker/trainView';
import { naturally, nsToUtc, toDisplay } from '../../src/worker/values';
import { FIXTURES, requireOracle } from '../oracle/oracle';

/** The rows from the whole train, read at once. */
function rowsFromWholeTrain(run: DataCollection, trainId: number) {
  const [, data] = run.trainFromId(trainId);
  const rows: Array<Record<string, unknown>> = [];
  const missing: Array<Record<string, unknown>> = [];
  for (const source of Object.keys(data).sort(naturally)) {
    const values = data[source] as Record<string, unknown>;
    const keys = Object.keys(values).filter((k) => k !== 'metadata').sort(naturally);
    if (!keys.length) missing.push({ source, key: null, missing: true });
    for (const key of keys) {
      if (key.endsWith('.timestamp') && `${key.slice(0, -10)}.value` in values) continue;
      const stamp = key.endsWith('.value') ? toDisplay(values[`${key.slice(0, -6)}.timestamp`]) : null;
      rows.push({ source, key, ...toDisplay(values[key]), missing: false, timestamp: stamp?.dtype === 'uint64' ? nsToUtc(stamp.value) : null });
    }
  }
  return [...rows, ...missing];
}

describe.runIf(requireOracle())('Train panel rows read with previews', () => {
  const runs = readdirSync(FIXTURES).filter((d) => statSync(join(FIXTURES, d)).isDirectory() && !['geometry', 'broken-not-hdf5', 'broken-tids-not-increasing', 'broken-index-wrong-length'].includes(d));

  it.each(runs)('%s: as the whole train gives them', async (name) => {
    const run = await RunDirectory(join(FIXTURES, name));
    const context = { runValue: () => null, time: undefined };
    for (const t of [run.trainIds[0], run.trainIds[Math.floor(run.trainIds.length / 2)], run.trainIds.at(-1)!]) {
      const view = readTrainView(run, t, undefined, context);
      const got = view.rows.map(({ source, key, missing, value, dtype, shape, timestamp }) => (missing ? { source, key, missing } : { source, key, value, dtype, shape, missing, timestamp }));
      expect(got).toEqual(rowsFromWholeTrain(run, t));
    }
  });

  it('shows one source when asked, and names a train the run does not have', async () => {
    const run = await RunDirectory(join(FIXTURES, 'fxe-lpd-run'));
    const source = 'SA1_XTD2_XGM/DOOCS/MAIN';
    const view = readTrainView(run, run.trainIds[1], [source], { runValue: () => 'at start', time: { ns: 1_600_000_000_000_000_000n, from: 'index' as const } });
    expect(new Set(view.rows.map((r) => r.source))).toEqual(new Set([source]));
    expect(view.rows.every((r) => r.runValue === 'at start')).toBe(true);
    expect([view.utc, view.utcSource]).toEqual(['2020-09-13T12:26:40.000Z', 'index']);
    expect(() => readTrainView(run, 1, undefined, { runValue: () => null, time: undefined })).toThrow(/train ID 1 /i);
  });
});
