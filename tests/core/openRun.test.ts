// Opening runs: bad files skipped with warnings, clear errors, the run-map cache kept
// outside the run folder, and errors that name what exists.
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { H5File, RunDirectory } from '../../src/core/index';
import { HandlePool } from '../../src/core/format/handlePool';
import { loadH5Wasm } from '../../src/core/h5/h5wasmModule';
import { FIXTURES, requireOracle } from '../oracle/oracle';

const have = requireOracle();
const DA = (run: string, f: string) => join(FIXTURES, run, f);
const XGM = 'SA1_XTD2_XGM/DOOCS/MAIN';
let tmp: string;

function runFolder(files: Record<string, string | null>): string {
  const dir = mkdtempSync(join(tmp, 'run-'));
  for (const [name, target] of Object.entries(files)) {
    if (target === null) writeFileSync(join(dir, name), '');
    else if (target.startsWith('/')) symlinkSync(target, join(dir, name));
    else writeFileSync(join(dir, name), target);
  }
  return dir;
}

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'xrv-open-'));
  process.env.XFEL_RUN_VIEWER_CACHE = join(tmp, 'cache');
});

afterAll(() => {
  delete process.env.XFEL_RUN_VIEWER_CACHE;
});

describe.skipIf(!have)('opening runs', () => {
  it('skips a non-HDF5 and an empty .h5 file with warnings naming them', async () => {
    const dir = runFolder({
      'RAW-R0001-DA01-S00000.h5': DA('format-1.0-run', 'RAW-R0005-DA01-S00000.h5'),
      'RAW-R0001-DA01-S00001.h5': 'this is not HDF5',
      'RAW-R0001-DA02-S00000.h5': null,
    });
    const run = await RunDirectory(dir);
    expect(run.trainIds).toHaveLength(30);
    expect(run.warnings).toEqual([
      expect.stringMatching(/RAW-R0001-DA01-S00001\.h5: file signature not found/),
      expect.stringMatching(/RAW-R0001-DA02-S00000\.h5: it is empty/),
    ]);
  });

  it('refuses a run with no usable file, saying why', async () => {
    const dir = runFolder({ 'RAW-R0001-DA01-S00000.h5': 'junk' });
    await expect(RunDirectory(dir)).rejects.toThrow(/No usable EuXFEL HDF5 files in .*run-.*\n.*RAW-R0001-DA01-S00000\.h5/);
    await expect(RunDirectory(runFolder({}))).rejects.toThrow(/No usable EuXFEL HDF5 files/);
  });

  it('refuses the same source and train in two files, naming both files and the train', async () => {
    const f = DA('format-1.0-run', 'RAW-R0005-DA01-S00000.h5');
    const dir = runFolder({ 'RAW-R0001-DA01-S00000.h5': f, 'RAW-R0001-DA01-S00001.h5': f });
    await expect(RunDirectory(dir)).rejects.toThrow(
      /conflicting data.*SA1_XTD2_XGM\/DOOCS\/MAIN \(train 10000 in RAW-R0001-DA01-S00000\.h5 and RAW-R0001-DA01-S00001\.h5/,
    );
  });

  it('opens only the files matching include', async () => {
    const run = await RunDirectory(join(FIXTURES, 'fxe-lpd-run'), { include: '*DA01*' });
    expect(run.files.map((f) => f.filename)).toEqual(['RAW-R0450-DA01-S00000.h5', 'RAW-R0450-DA01-S00001.h5']);
    expect(run.detectorSources.size).toBe(0);
  });

  it('keeps its run-map cache outside the run folder and reuses it', async () => {
    const dir = runFolder({ 'RAW-R0001-DA01-S00000.h5': DA('format-1.0-run', 'RAW-R0005-DA01-S00000.h5') });
    const first = await RunDirectory(dir);
    expect(readdirSync(dir)).toEqual(['RAW-R0001-DA01-S00000.h5']);
    const cached = readdirSync(process.env.XFEL_RUN_VIEWER_CACHE!);
    expect(cached.length).toBeGreaterThan(0);
    const second = await RunDirectory(dir);
    expect(second.trainIds).toEqual(first.trainIds);
    expect(second.files).toEqual(first.files);
    expect(second.getSeries(XGM, 'beamPosition.ixPos').values).toEqual(first.getSeries(XGM, 'beamPosition.ixPos').values);
  });

  it("uses a valid karabo_data_map.json (EXtra-data's cache) and ignores a stale one, never writing it", async () => {
    const name = 'RAW-R0001-DA01-S00000.h5';
    const withMap = (trainIds: number[], stale: boolean) => {
      const dir = mkdtempSync(join(tmp, 'run-'));
      copyFileSync(DA('format-1.0-run', 'RAW-R0005-DA01-S00000.h5'), join(dir, name));
      const st = statSync(join(dir, name));
      const entry = { filename: name, mtime: st.mtimeMs / 1000, size: stale ? 1 : st.size, train_ids: trainIds, control_sources: [XGM], instrument_sources: [] };
      writeFileSync(join(dir, 'karabo_data_map.json'), JSON.stringify([entry]));
      return dir;
    };
    expect((await RunDirectory(withMap([1], true))).trainIds).toHaveLength(30);
    // A valid entry is trusted as EXtra-data trusts it: here it claims other train IDs
    const dir = withMap([5, 6, 7], false);
    const fromMap = await RunDirectory(dir);
    expect(fromMap.trainIds).toEqual([5, 6, 7]);
    expect(fromMap.files[0].formatVersion).toBe('1.0');
    expect(readFileSync(join(dir, 'karabo_data_map.json'), 'utf8')).toContain('[5,6,7]');
  });
});

describe.skipIf(!have)('errors name what was asked for and what exists', () => {
  it('unknown source, key and train', async () => {
    const run = await H5File(join(FIXTURES, 'single-file', 'RAW-R0099-DA01-S00000.h5'));
    expect(() => run.getSeries('NO/SUCH/SOURCE', 'x')).toThrow(/No source named 'NO\/SUCH\/SOURCE'.*Sources: FXE_XAD_GEC\/CAM\/CAMERA, /);
    expect(() => run.getSeries(XGM, 'beamPosition.nothing')).toThrow(/No key 'beamPosition.nothing' for source 'SA1_XTD2_XGM\/DOOCS\/MAIN'. Keys: beamPosition.ixPos.timestamp, /);
    expect(() => run.trainFromId(5)).toThrow(/Train ID 5 not found in this data \(12 trains, 10000–10011\)/);
    expect(() => run.trainFromIndex(12)).toThrow(/index 12 is out of range for 12 trains/);
    expect(() => run.select('NOSUCH*')).toThrow(/No matches for pattern \('NOSUCH\*', '\*'\). Sources: /);
    expect(() => run.select({ [XGM]: ['beamPosition.nothing'] })).toThrow(/No key 'beamPosition.nothing.value' for source/);
  });

  it('a file that is not HDF5 opened on its own is an error naming it', async () => {
    await expect(H5File(join(FIXTURES, 'broken-not-hdf5', 'RAW-R0900-DA01-S00001.h5'))).rejects.toThrow(/RAW-R0900-DA01-S00001\.h5: cannot open as HDF5/);
  });
});

describe.skipIf(!have)('reading', () => {
  it('accepts control keys without .value and gives timestamps as BigInt', async () => {
    const run = await H5File(join(FIXTURES, 'single-file', 'RAW-R0099-DA01-S00000.h5'));
    const bare = run.getArray(XGM, 'beamPosition.ixPos');
    expect(bare.data).toEqual(run.getArray(XGM, 'beamPosition.ixPos.value').data);
    const ts = run.getSeries(XGM, 'beamPosition.ixPos.timestamp');
    expect(ts.values).toBeInstanceOf(BigUint64Array);
    expect((ts.values as BigUint64Array)[1]).toBe(1546300800100000000n);
  });

  it('skips trains without data in getArray and fills NaN in getDataFrame', async () => {
    const run = await H5File(join(FIXTURES, 'single-file', 'RAW-R0099-DA01-S00000.h5'));
    const cam = run.getArray('FXE_XAD_GEC/CAM/CAMERA:daqOutput', 'data.image.dims');
    expect(cam.coords.trainId).toEqual([10001, 10003, 10005, 10007, 10009, 10011]);
    const df = run.getDataFrame({ fields: [[XGM, 'beamPosition.ixPos'], ['FXE_XAD_GEC/CAM/CAMERA:daqOutput', 'data.image.bitsPerPixel']] });
    const col = df.data['FXE_XAD_GEC/CAM/CAMERA:daqOutput/data.image.bitsPerPixel'] as Float64Array;
    expect(df.index).toHaveLength(12);
    expect(Number.isNaN(col[0])).toBe(true);
    expect(Number.isNaN(col[1])).toBe(false);
  });

  it('getArray reads into a given out array; a wrong dtype or too short a one is refused', async () => {
    const run = await H5File(join(FIXTURES, 'single-file', 'RAW-R0099-DA01-S00000.h5'));
    const [src, key] = [`${XGM}:output`, 'data.intensityTD'];
    const fresh = run.getArray(src, key);
    expect(fresh.dtype).toBe('float32');
    const out = new Float32Array(fresh.data.length + 7).fill(-1);
    const into = run.getArray(src, key, { out });
    expect((into.data as Float32Array).buffer).toBe(out.buffer);
    expect(into.data).toEqual(fresh.data);
    expect(into.shape).toEqual(fresh.shape);
    expect(into.coords).toEqual(fresh.coords);
    expect(out[fresh.data.length]).toBe(-1); // past the result: untouched
    expect(() => run.getArray(src, key, { out: new Float64Array(fresh.data.length) })).toThrow(/out must be a Float32Array .*float32.*got a Float64Array/);
    expect(() => run.getArray(src, key, { out: new Float32Array(3) })).toThrow(/out has 3 elements, .* needs \d+/);
  });

  it('selections are views: the original collection is unchanged', async () => {
    const run = await RunDirectory(join(FIXTURES, 'fxe-lpd-run'));
    const xgm = run.select('*XGM*', 'beamPosition.*').selectTrains({ by: 'index', slice: [null, 5, null] });
    expect(xgm.trainIds).toEqual([10000, 10001, 10002, 10003, 10004]);
    expect(run.trainIds).toHaveLength(260);
    expect(run.allSources.size).toBe(24);
    expect([...xgm.keysForSource(XGM)]).toEqual(['beamPosition.ixPos.timestamp', 'beamPosition.ixPos.value', 'beamPosition.iyPos.timestamp', 'beamPosition.iyPos.value']);
    expect(run.deselect({ [XGM]: ['beamPosition.ixPos'] }).keysForSource(XGM).has('beamPosition.ixPos.value')).toBe(false);
  });

  it('reads through a small pool of open files, reopening closed ones', async () => {
    const pool = new HandlePool(await loadH5Wasm(), 2);
    const dir = join(FIXTURES, 'fxe-lpd-run');
    const names = readdirSync(dir).slice(0, 5);
    for (const n of names) pool.get(join(dir, n));
    expect(pool.size).toBe(2);
    expect(pool.get(join(dir, names[0])).kind('INDEX/trainId')).toBe('dataset');
    pool.closeAll();
    expect(pool.size).toBe(0);
  });

  it('iterates trains asynchronously', async () => {
    const run = await H5File(join(FIXTURES, 'single-file', 'RAW-R0099-DA01-S00000.h5'));
    const seen: number[] = [];
    for await (const [tid, data] of run.trains({ devices: { 'FXE_XAD_GEC/CAM/CAMERA:daqOutput': [] }, requireAll: true })) {
      seen.push(tid);
      expect(data['FXE_XAD_GEC/CAM/CAMERA:daqOutput']['data.image.pixels']).toMatchObject({ shape: [255, 1024], dtype: 'uint16' });
    }
    expect(seen).toEqual([10001, 10003, 10005, 10007, 10009, 10011]);
  });

  it('reads RUN values of control sources', async () => {
    const run = await H5File(join(FIXTURES, 'single-file', 'RAW-R0099-DA01-S00000.h5'));
    expect(run.getRunValue(XGM, 'pulseEnergy.photonFlux')).toBe(1000);
  });
});
