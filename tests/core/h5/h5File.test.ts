import { describe, expect, it } from 'vitest';
import { FIXTURES, requireOracle } from '../../oracle/oracle';
import { HDF5File } from '../../../src/core/h5/h5File';

const FIX = FIXTURES + '/';
const have = requireOracle();

describe.skipIf(!have)('HDF5File on oracle fixtures', () => {
  it('reads NULL vlen string padding as empty strings', async () => {
    const f = await HDF5File.open(`${FIX}fxe-lpd-run/RAW-R0450-LPD00-S00000.h5`);
    const v = f.read('METADATA/dataSources/dataSourceId');
    expect(v.dtype).toBe('str');
    expect((v.data as string[]).filter(Boolean)).toHaveLength(4);
    expect((v.data as string[]).slice(4).every((s) => s === '')).toBe(true);
    f.close();
  });

  it('reads a hyperslab of gzip data and clips past the end', async () => {
    const f = await HDF5File.open(`${FIX}fxe-lpd-run/RAW-R0450-LPD00-S00000.h5`);
    const p = 'INSTRUMENT/FXE_DET_LPD1M-1/DET/0CH0:xtdf/image/data';
    expect(f.info(p)).toMatchObject({ shape: [20, 1, 256, 256], dtype: 'uint16', compression: 'gzip' });
    const v = f.read(p, [[2, 4]]);
    expect(v.shape).toEqual([2, 1, 256, 256]);
    const past = f.read('INDEX/trainId', [[100, 200]]);
    expect(past.shape).toEqual([0]);
    f.close();
  });

  it('names the file when it is not HDF5', async () => {
    await expect(HDF5File.open(`${FIX}broken-not-hdf5/RAW-R0900-DA01-S00001.h5`)).rejects.toThrow(
      /RAW-R0900-DA01-S00001\.h5: cannot open as HDF5: .*signature not found/,
    );
  });
});

describe.skipIf(!have)('HDF5File.readInto', () => {
  it('fills one array from several hyperslabs, with strides', async () => {
    const f = await HDF5File.open(`${FIX}fxe-lpd-run/RAW-R0450-DA01-S00000.h5`);
    const p = 'INSTRUMENT/SA1_XTD2_XGM/DOOCS/MAIN:output/data/intensityTD';
    const out = new Float32Array(2 * 4 + 3 * 4);
    expect(f.readInto(p, [[0, 2], [0, 1000, 250]], out, 0)).toEqual([2, 4]);
    expect(f.readInto(p, [[10, 13], [0, 1000, 250]], out, 8)).toEqual([3, 4]);
    expect(Array.from(out.slice(0, 4))).toEqual([0, 250, 500, 750]);
    expect(Array.from(out.slice(8, 12))).toEqual([10000, 10250, 10500, 10750]);
    expect(() => f.readInto(p, [[0, 1]], new Float64Array(1000), 0)).toThrow(/4-byte values/);
    f.close();
  });
});
