// DataCollection.keyInfo: dtype, entry shape and entry count from the dataset header and
// INDEX only (the keys table describes detector keys without reading frames).
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HDF5File, RunDirectory, byId } from '../../src/core/index';
import { FIXTURES, requireOracle } from '../oracle/oracle';

const LPD0 = 'FXE_DET_LPD1M-1/DET/0CH0:xtdf';

describe.runIf(requireOracle())('DataCollection.keyInfo', () => {
  afterEach(() => vi.restoreAllMocks());

  it('gives dtype, per-entry shape and entries without reading data', async () => {
    const run = await RunDirectory(join(FIXTURES, 'fxe-lpd-run'));
    run.getDataCounts(LPD0, 'image.data'); // INDEX read up front: only data reads are counted below
    const read = vi.spyOn(HDF5File.prototype, 'read');
    const readInto = vi.spyOn(HDF5File.prototype, 'readInto');
    expect(run.keyInfo(LPD0, 'image.data')).toEqual({ dtype: 'uint16', shape: [1, 256, 256], entries: 20 });
    expect(run.keyInfo('SA1_XTD2_XGM/DOOCS/MAIN', 'beamPosition.ixPos')).toEqual({ dtype: 'float32', shape: [], entries: 260 });
    expect(run.keyInfo('FXE_XAD_GEC/CAM/CAMERA:daqOutput', 'data.image.pixels')).toMatchObject({ dtype: 'uint16', shape: [255, 1024] });
    expect(read.mock.calls.filter(([path]) => !String(path).startsWith('INDEX/'))).toEqual([]);
    expect(readInto).not.toHaveBeenCalled();
  });

  it('counts entries of the selected trains only', async () => {
    const run = await RunDirectory(join(FIXTURES, 'fxe-lpd-run'));
    const one = run.selectTrains(byId.list([10197, 10198]));
    expect(one.keyInfo(LPD0, 'image.data').entries).toBe(8);
  });
});
