// DataCollection.write: a selection written to one EuXFEL file reads back with the same
// getters, passes our validator, and has the layout EXtra-data expects (checked with h5py).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { byId, byIndex, H5File, RunDirectory, validateFile, type ArrayValue, type DataCollection } from '../../src/core/index';
import { writeCollection } from '../../src/core/writing/writeCollection';
import { HDF5File } from '../../src/core/h5/h5File';
import { main as writeCli } from '../../src/cli/write';
import { FIXTURES, requireOracle } from '../oracle/oracle';

const have = requireOracle();
const RUN = join(FIXTURES, 'fxe-lpd-run');
const XGM = 'SA1_XTD2_XGM/DOOCS/MAIN';
let tmp: string;

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'xrv-write-'));
  process.env.XFEL_RUN_VIEWER_CACHE = join(tmp, 'cache');
});

/** A selection across the DA sequence boundary: control, pulse-resolved, camera, empty camera, one LPD module. */
async function selection(): Promise<DataCollection> {
  const run = await RunDirectory(RUN);
  return run
    .select([
      [XGM, '*'],
      [`${XGM}:output`, 'data.intensityTD'],
      ['FXE_XAD_GEC/CAM/CAMERA*', '*'],
      ['FXE_DET_LPD1M-1/DET/0CH0:xtdf', 'image.*'],
    ])
    .selectTrains(byId.slice(10195, 10205));
}

function expectSameGetters(a: DataCollection, b: DataCollection): void {
  expect(b.trainIds).toEqual(a.trainIds);
  expect([...b.allSources].sort()).toEqual([...a.allSources].sort());
  expect(b.controlSources).toEqual(a.controlSources);
  for (const source of a.allSources) {
    for (const key of a.keysForSource(source)) {
      const [x, y] = [a.getArray(source, key), b.getArray(source, key)];
      expect({ source, key, shape: y.shape, dtype: y.dtype }).toEqual({ source, key, shape: x.shape, dtype: x.dtype });
      expect(sameValues(y.data, x.data), `${source} ${key} values`).toBe(true);
      expect(y.coords.trainId).toEqual(x.coords.trainId);
      // The written file indexes every train of the selection, with 0 where the source had none
      expect(countsByTrain(b, source, key, a.trainIds)).toEqual(countsByTrain(a, source, key, a.trainIds));
      if (a.controlSources.has(source)) expect(b.getRunValue(source, key)).toEqual(a.getRunValue(source, key));
    }
  }
}

/** Byte comparison: deep equality element by element is far too slow for detector arrays. */
function sameValues(a: ArrayValue['data'], b: ArrayValue['data']): boolean {
  if (Array.isArray(a) || Array.isArray(b)) return JSON.stringify(a) === JSON.stringify(b);
  return a.constructor === b.constructor && Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}

function countsByTrain(dc: DataCollection, source: string, key: string, trainIds: number[]): number[] {
  const counts = dc.getDataCounts(source, key);
  const byTrain = new Map((counts.index as number[]).map((t, i) => [t, Number(counts.values[i])]));
  return trainIds.map((t) => byTrain.get(t) ?? 0);
}

const H5PY_LISTING = `
import h5py, json, sys
out = {'groups': [], 'dtypes': {}, 'index': {}}
with h5py.File(sys.argv[1], 'r') as f:
    def visit(name, obj):
        if isinstance(obj, h5py.Group):
            out['groups'].append(name)
        else:
            out['dtypes'][name] = [obj.dtype.str, list(obj.shape)]
            if name.startswith('INDEX/'):
                out['index'][name] = [int(v) for v in obj[()]]
    f.visititems(visit)
    out['sources'] = [s.decode() for s in f['METADATA/dataSources/dataSourceId'][()]]
    out['version'] = f['METADATA/dataFormatVersion'][0].decode()
print(json.dumps(out))
`;

describe.skipIf(!have)('writing a selection', () => {
  let sel: DataCollection;
  let out: string;

  beforeAll(async () => {
    sel = await selection();
    out = join(tmp, 'subset', 'sel.h5');
    mkdirSync(join(tmp, 'subset'));
    await sel.write(out); // DataCollection.write delegates to writeCollection
  });

  it('reads back with identical getter results', async () => {
    const back = await H5File(out);
    expectSameGetters(sel, back);
  });

  it('keeps the trains’ timestamps (format 1.0), and writes format 0.5 when a run has none', async () => {
    const back = await H5File(out);
    expect(back.trainTimestamps()).toEqual(sel.trainTimestamps());
    expect(back.files[0].formatVersion).toBe('1.0');
    const old = await RunDirectory(join(FIXTURES, 'format-0.5-run'));
    const path = join(tmp, 'subset', 'old.h5');
    await writeCollection(old.selectTrains(byIndex.slice(0, 5)), path);
    const oldBack = await H5File(path);
    expect(oldBack.files[0].formatVersion).toBe('0.5');
    expect(oldBack.trainIds).toEqual(old.trainIds.slice(0, 5));
    expect(await validateFile(path)).toEqual([]);
  });

  it('round-trips modules with a train missing from INDEX and a train with count 0 (spb-agipd-run)', async () => {
    const run = await RunDirectory(join(FIXTURES, 'spb-agipd-run'));
    const agipd = run.select([['SPB_DET_AGIPD1M-1/DET/7CH0:xtdf', 'image.*'], ['SPB_DET_AGIPD1M-1/DET/11CH0:xtdf', 'image.*'], ['SPB_XTD9_XGM/DOOCS/MAIN', '*']]);
    const path = join(tmp, 'subset', 'agipd.h5');
    await agipd.write(path);
    expectSameGetters(agipd, await H5File(path));
    expect(await validateFile(path)).toEqual([]);
  });

  it('passes our validator', async () => {
    expect(await validateFile(out)).toEqual([]);
  });

  it('writes a control key selected without its timestamp, with timestamp 0', async () => {
    const narrow = sel.select(XGM, 'beamPosition.ixPos');
    const path = join(tmp, 'subset', 'ixpos.h5');
    await writeCollection(narrow, path);
    const back = await H5File(path);
    expect(back.getArray(XGM, 'beamPosition.ixPos').data).toEqual(narrow.getArray(XGM, 'beamPosition.ixPos').data);
    expect(new Set(back.getArray(XGM, 'beamPosition.ixPos.timestamp').data as BigUint64Array)).toEqual(new Set([0n]));
  });

  it('refuses to write into the run folder', async () => {
    await expect(writeCollection(sel, join(RUN, 'x.h5'))).rejects.toThrow(/Refusing to write .*RAW-R0450/);
    await expect(writeCollection(sel, join(RUN, 'sub', '..', 'x.h5'))).rejects.toThrow(/Refusing/);
  });

  // python3 with h5py: on PATH, or Debian's python3-h5py under /usr/bin
  const python = ['python3', '/usr/bin/python3'].find((p) => spawnSync(p, ['-c', 'import h5py']).status === 0);
  if (!python && process.env.CI !== 'true') console.warn('skipped: python3 cannot import h5py (EXtra-data layout check not run)');
  it.skipIf(!python && process.env.CI !== 'true')('has the layout EXtra-data reads (h5py listing)', () => {
    const script = join(tmp, 'list.py');
    writeFileSync(script, H5PY_LISTING);
    const res = spawnSync(python ?? 'python3', [script, out], { encoding: 'utf8' });
    expect(res.stderr).toBe('');
    const listing = JSON.parse(res.stdout);
    expect(listing.version).toBe('1.0');
    expect(listing.groups).toEqual(expect.arrayContaining(['METADATA', 'INDEX', 'CONTROL', 'RUN', 'INSTRUMENT', `CONTROL/${XGM}`]));
    expect(listing.sources).toEqual(expect.arrayContaining([
      `CONTROL/${XGM}`, `INSTRUMENT/${XGM}:output/data`, 'INSTRUMENT/FXE_DET_LPD1M-1/DET/0CH0:xtdf/image',
    ]));
    expect(listing.index['INDEX/trainId']).toEqual(sel.trainIds);
    expect(listing.dtypes['INDEX/trainId'][0]).toBe('<u8');
    expect(listing.dtypes[`INSTRUMENT/${XGM}:output/data/intensityTD`]).toEqual(['<f4', [10, 1000]]);
    expect(listing.dtypes['INSTRUMENT/FXE_DET_LPD1M-1/DET/0CH0:xtdf/image/data']).toEqual(['<u2', [20, 1, 256, 256]]);
    expect(listing.dtypes[`CONTROL/${XGM}/beamPosition/ixPos/timestamp`][0]).toBe('<u8');
    // LPD has 5 trains (10197–10201) with 4 frames each in this window
    const lpd = 'INDEX/FXE_DET_LPD1M-1/DET/0CH0:xtdf/image';
    expect(listing.index[`${lpd}/count`]).toEqual(sel.trainIds.map((t) => (t >= 10197 && t <= 10201 ? 4 : 0)));
    expect(listing.index[`${lpd}/first`]).toEqual(sel.trainIds.map((t) => 4 * Math.min(Math.max(t - 10197, 0), 5)));
  });
});

describe.skipIf(!have)('write CLI', () => {
  const run = (...argv: string[]) => {
    const io = { out: '', err: '' };
    return writeCli(argv, (t) => (io.out += t), (t) => (io.err += t)).then((code) => ({ code, ...io }));
  };

  it('writes sources, keys and a train range', async () => {
    const out = join(tmp, 'cli', 'xgm.h5');
    const res = await run(RUN, out, '--source', `${XGM}*`, '--key', 'beamPosition.*', '--trains', '10195:10200');
    expect(res).toMatchObject({ code: 0, err: '' });
    const back = await H5File(out);
    expect(back.trainIds).toEqual([10195, 10196, 10197, 10198, 10199]);
    expect([...back.allSources]).toEqual([XGM]);
    expect([...back.keysForSource(XGM)].sort()).toEqual([
      'beamPosition.ixPos.timestamp', 'beamPosition.ixPos.value', 'beamPosition.iyPos.timestamp', 'beamPosition.iyPos.value',
    ]);
  });

  it('writes a detector selection as CXI with --cxi', async () => {
    const out = join(tmp, 'cli', 'lpd.cxi');
    const res = await run(join(FIXTURES, 'fxe-lpd-run'), out, '--cxi', '--source', 'FXE_DET_LPD1M-1/DET/[0-2]CH0:xtdf', '--min-modules', '3', '--trains', '10199:10201');
    expect(res).toMatchObject({ code: 0, err: '' });
    expect(res.out).toMatch(/Wrote 2 trains of <LPD1M/);
    const f = await HDF5File.open(out);
    try {
      expect(f.read('entry_1/instrument_1/detector_1/data').shape).toEqual([8, 3, 256, 256]);
    } finally {
      f.close();
    }
    expect((await run(join(FIXTURES, 'fxe-lpd-run'), join(tmp, 'cli', 'none.cxi'), '--cxi', '--source', `${XGM}`)).err).toMatch(/No AGIPD, LPD or DSSC data/);
  });

  it('refuses the run folder, also through a symlink, and a malformed range', async () => {
    expect((await run(RUN, join(RUN, 'x.h5'))).err).toMatch(/Refusing to write/);
    const link = join(tmp, 'run-link');
    symlinkSync(RUN, link);
    expect(await run(RUN, join(link, 'x.h5'))).toMatchObject({ code: 1, err: expect.stringMatching(/Refusing/) });
    expect((await run(RUN, join(tmp, 'y.h5'), '--trains', '5-9')).code).toBe(2);
  });
});
