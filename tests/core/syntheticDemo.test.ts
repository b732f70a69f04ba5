import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { HDF5File } from '../../src/core/h5/h5File';
import { writeDemoRun } from '../../scripts/demoRun';

const tmp = mkdtempSync(join(tmpdir(), 'xfel-demo-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

it('generates the demo run within its 30 MB budget', async () => {
  const dir = join(tmp, 'demo');
  const files = await writeDemoRun(dir);
  expect(files.filter((f) => f.includes('-AGIPD'))).toHaveLength(16);
  expect(files.filter((f) => f.includes('-DA01-'))).toEqual(['RAW-R0001-DA01-S00000.h5', 'RAW-R0001-DA01-S00001.h5']);
  const bytes = files.reduce((sum, f) => sum + statSync(join(dir, f)).size, 0);
  expect(bytes).toBeLessThan(30e6);

  // Rings: along a module row the intensity rises and falls, well above the 1000 ADU floor.
  const f = await HDF5File.open(join(dir, 'RAW-R0001-AGIPD04-S00000.h5'));
  const row = f.read('INSTRUMENT/SPB_DET_AGIPD1M-1/DET/4CH0:xtdf/image/data', [[0, 1], [0, 1], [0, 512], [5, 6]]).data as Uint16Array;
  f.close();
  expect(Math.max(...row)).toBeGreaterThan(3 * Math.min(...row));
}, 120_000);
