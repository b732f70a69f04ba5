// writeCxi, the real-copy substitute for make-virtual-cxi: frames × modules in CXI 1.5 layout,
// values equal to the detector's getArray.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { byId, byIndex, LPD1M, RunDirectory } from '../../src/core/index';
import { HDF5File } from '../../src/core/h5/h5File';
import { writeCxi } from '../../src/core/writing/writeCxi';
import { FIXTURES, requireOracle } from '../oracle/oracle';

const have = requireOracle();
let tmp: string;

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'xrv-cxi-'));
  process.env.XFEL_RUN_VIEWER_CACHE = join(tmp, 'cache');
});

describe.skipIf(!have)('writeCxi', () => {
  it('copies the selected trains and pulses, modules stacked per frame', async () => {
    const det = new LPD1M(await RunDirectory(join(FIXTURES, 'fxe-lpd-run')), { modules: [0, 2, 5] });
    const out = join(tmp, 'lpd.cxi');
    await writeCxi(det, out, { trains: byId.slice(10198, 10201), pulses: byIndex.slice(1, 3) });

    const f = await HDF5File.open(out);
    try {
      expect(Array.from(f.read('cxi_version').data as Int32Array)).toEqual([150]);
      expect(f.read('entry_1/experiment_identifier').data).toEqual(['10198:2', '10198:4', '10199:2', '10199:4', '10200:2', '10200:4']);
      expect(Array.from(f.read('entry_1/pulseId').data as BigUint64Array, Number)).toEqual([2, 4, 2, 4, 2, 4]);
      expect(Array.from(f.read('entry_1/instrument_1/detector_1/module_identifier').data as Int32Array)).toEqual([0, 2, 5]);
      const data = f.read('entry_1/instrument_1/detector_1/data');
      expect(data.shape).toEqual([6, 3, 256, 256]);
      expect(data.dtype).toBe('uint16');
      const cells = f.read('entry_1/cellId');
      expect(cells.shape).toEqual([6, 3]);
      expect(Array.from(cells.data as Uint16Array, Number)).toEqual([1, 1, 1, 2, 2, 2, 1, 1, 1, 2, 2, 2, 1, 1, 1, 2, 2, 2]);
      // Fixture values: 1000·m + 100·(toff%10) + 10·p + (ss+fs)%7, toff = trainId − 10000
      const px = (frame: number, m: number, ss: number, fs: number) => (data.data as Uint16Array)[((frame * 3 + m) * 256 + ss) * 256 + fs];
      expect(px(0, 0, 0, 0)).toBe(100 * 8 + 10 * 1);
      expect(px(3, 2, 3, 5)).toBe(5000 + 100 * 9 + 10 * 2 + 1);
      expect(f.kind('entry_1/data_1/data')).toBe('dataset');
    } finally {
      f.close();
    }
  });

  it('is readable by h5py through the CXI soft links', () => {
    const py = ['python3', '/usr/bin/python3'].find((p) => spawnSync(p, ['-c', 'import h5py']).status === 0);
    if (!py) return void console.warn('skipped: python3 cannot import h5py (CXI check with h5py not run)');
    const res = spawnSync(py, ['-c', `import h5py, sys
f = h5py.File(sys.argv[1], 'r')
d = f['entry_1/data_1/data']
print(d.shape, d.dtype, d.attrs['axes'], f['entry_1/instrument_1/detector_1/experiment_identifier'][0].decode())`, join(tmp, 'lpd.cxi')], { encoding: 'utf8' });
    expect(res.stdout.trim()).toBe("(6, 3, 256, 256) uint16 experiment_identifier:module_identifier:y:x 10198:2");
  });
});
