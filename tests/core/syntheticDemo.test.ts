import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { HDF5File } from '../../src/core/h5/h5File';
import { RunDirectory, reduceOverTrains } from '../../src/core/index';
import { digitizerKey } from '../../src/core/synthetic';
import { writeDemoRun } from '../../scripts/demoRun';
import { PES_ADC, PES_CHANNELS, PES_SAMPLES } from '../../scripts/demoPes';

const tmp = mkdtempSync(join(tmpdir(), 'xfel-demo-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

it('generates the demo run within its 30 MB budget', async () => {
  const dir = join(tmp, 'demo');
  const files = await writeDemoRun(dir);
  expect(files.filter((f) => f.includes('-AGIPD'))).toHaveLength(16);
  expect(files.filter((f) => f.includes('-DA01-'))).toEqual(['RAW-R0001-DA01-S00000.h5', 'RAW-R0001-DA01-S00001.h5']);
  expect(files.filter((f) => f.includes('-DA02-'))).toEqual(['RAW-R0001-DA02-S00000.h5', 'RAW-R0001-DA02-S00001.h5']);
  expect(files).toHaveLength(20);
  const bytes = files.reduce((sum, f) => sum + statSync(join(dir, f)).size, 0);
  expect(bytes).toBeLessThan(30e6);

  // Rings: along a module row the intensity rises and falls, well above the 1000 ADU floor.
  const f = await HDF5File.open(join(dir, 'RAW-R0001-AGIPD04-S00000.h5'));
  const row = f.read('INSTRUMENT/SPB_DET_AGIPD1M-1/DET/4CH0:xtdf/image/data', [[0, 1], [0, 1], [0, 512], [5, 6]]).data as Uint16Array;
  f.close();
  expect(Math.max(...row)).toBeGreaterThan(3 * Math.min(...row));

  // The PES digitizer: int16 traces per train; the train mean dips deepest at each channel's biggest peak.
  const run = await RunDirectory(dir);
  expect([...run.instrumentSources]).toContain(PES_ADC);
  for (const [channel, peaks] of Object.entries(PES_CHANNELS)) {
    const a = run.getArray(PES_ADC, digitizerKey(channel));
    expect(a.dtype).toBe('int16');
    expect(a.shape).toEqual([run.trainIds.length, PES_SAMPLES]);
    const mean = reduceOverTrains({ data: a.data as Int16Array, shape: a.shape, dtype: 'int16' }, 'mean').data;
    const deepest = peaks.reduce((p, q) => (q.height > p.height ? q : p));
    expect(Math.abs(mean.indexOf(Math.min(...mean)) - deepest.sample)).toBeLessThanOrEqual(1);
    expect(Math.abs(mean[50] + 8)).toBeLessThan(1); // baseline
  }
  expect(run.getRunValue('SA3_XTD10_PES/DCTRL/V30310S_NEON', 'interlock.AActionState')).toBe(0);
}, 120_000);
