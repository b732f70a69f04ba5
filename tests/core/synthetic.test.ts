import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HDF5File } from '../../src/core/h5/h5File';
import { FORMAT_VERSIONS, agipdPixelPositions, camera, digitizer, digitizerKey, writeEuxfelFile, writeSyntheticRun, xgm, type SyntheticRunSpec } from '../../src/core/synthetic';
import { RunDirectory } from '../../src/core/index';
import { FIXTURES, REFS, haveOracle } from '../oracle/oracle';

const tmp = mkdtempSync(join(tmpdir(), 'xfel-synthetic-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const XGM = 'SA1_XTD2_XGM/DOOCS/MAIN';
const AGIPD7 = 'SPB_DET_AGIPD1M-1/DET/7CH0:xtdf';

function smallRun(formatVersion: SyntheticRunSpec['formatVersion']): SyntheticRunSpec {
  return {
    runNumber: 12, formatVersion, firstTrainId: 2147483645, nTrains: 6, suspectTrainIds: [2147483646],
    aggregators: [{
      name: 'DA01', trainsPerSequence: 4,
      devices: [xgm(XGM), camera('SPB_EXP_ZYLA/CAM/1', { shape: [16, 32], hasImage: (t) => t % 2 === 0 })],
    }],
    detector: { type: 'AGIPD', framesPerTrain: 2, modules: [0, 7], trainIds: [2147483645, 2147483646, 2147483647], missingTrainIds: { 7: [2147483646] }, emptyTrainIds: { 0: [2147483647] } },
  };
}

async function open(dir: string, name: string): Promise<HDF5File> {
  return HDF5File.open(join(dir, name));
}

const values = (f: HDF5File, path: string) => Array.from(f.read(path).data as ArrayLike<unknown>, (v) => (typeof v === 'bigint' ? Number(v) : v));

describe.each(FORMAT_VERSIONS)('synthetic run, format %s', (version) => {
  const dir = join(tmp, `v${version}`);
  let names: string[];

  it('names files by aggregator and sequence', async () => {
    names = await writeSyntheticRun(dir, smallRun(version));
    expect(names).toEqual([
      'RAW-R0012-DA01-S00000.h5', 'RAW-R0012-DA01-S00001.h5', 'RAW-R0012-AGIPD00-S00000.h5', 'RAW-R0012-AGIPD07-S00000.h5',
    ]);
  });

  it('lays out METADATA for the version', async () => {
    const f = await open(dir, 'RAW-R0012-DA01-S00001.h5');
    const listGroup = version === '0.5' ? 'METADATA' : 'METADATA/dataSources';
    const ids = f.read(`${listGroup}/dataSourceId`).data as string[];
    const real = [`CONTROL/${XGM}`, `INSTRUMENT/${XGM}:output/data`, 'CONTROL/SPB_EXP_ZYLA/CAM/1', 'INSTRUMENT/SPB_EXP_ZYLA/CAM/1:daqOutput/data'];
    expect(ids.filter(Boolean)).toEqual(version === '1.1' ? ['Karabo_TimerServer', ...real] : real);
    expect(ids).toHaveLength(16); // padded with never-written entries
    expect((f.read(`${listGroup}/root`).data as string[]).slice(0, 2)).toEqual(version === '1.1' ? ['', 'CONTROL'] : ['CONTROL', 'INSTRUMENT']);
    if (version === '0.5') {
      expect(f.kind('METADATA/dataFormatVersion')).toBeNull();
    } else {
      expect(f.read('METADATA/dataFormatVersion').data).toEqual([version]);
      expect(values(f, 'METADATA/sequenceNumber')).toEqual([1]);
      expect(values(f, 'METADATA/runNumber')).toEqual([12]);
      expect(f.read('METADATA/creationDate').data).toEqual(['20190101T000000Z']);
    }
    f.close();
  });

  it('writes the train INDEX with the version’s flag semantics', async () => {
    const f = await open(dir, 'RAW-R0012-DA01-S00000.h5');
    expect(values(f, 'INDEX/trainId')).toEqual([2147483645, 2147483646, 2147483647, 2147483648, ...Array(28).fill(0)]);
    const has = (p: string) => f.kind(p) === 'dataset';
    expect(has('INDEX/flag')).toBe(version !== '0.5');
    expect(has('INDEX/timestamp')).toBe(version !== '0.5');
    expect(has('INDEX/origin')).toBe(version === '1.2' || version === '1.3');
    if (version !== '0.5') {
      const flag = values(f, 'INDEX/flag').slice(0, 4);
      expect(flag).toEqual(version === '1.1' ? [0, 1, 0, 0] : [1, 0, 1, 1]);
      expect(f.read('INDEX/timestamp', [[1, 2]]).data).toEqual(new BigUint64Array([1546300800100000000n]));
    }
    if (has('INDEX/origin')) expect(values(f, 'INDEX/origin').slice(0, 4)).toEqual([-1, 0, -1, -1]);
    f.close();
  });

  it('writes CONTROL/RUN pairs and INSTRUMENT rows with the fixtures’ values', async () => {
    const f = await open(dir, 'RAW-R0012-DA01-S00001.h5');
    expect(values(f, `INDEX/${XGM}/first`)).toEqual([0, 1]);
    expect(values(f, `INDEX/${XGM}/count`)).toEqual([1, 1]);
    const ixPos = f.read(`CONTROL/${XGM}/beamPosition/ixPos/value`).data as Float32Array;
    expect(Array.from(ixPos)).toEqual([Math.fround(Math.sin(0.4)), Math.fround(Math.sin(0.5))]);
    expect(f.read(`CONTROL/${XGM}/beamPosition/iyPos/timestamp`).data).toEqual(new BigUint64Array([1546300800400000001n, 1546300800500000001n]));
    expect(values(f, `RUN/${XGM}/pulseEnergy/photonFlux/value`)).toEqual([1000]);
    expect(f.read(`RUN/${XGM}/classId/value`).data).toEqual(['DoocsXGM']);
    expect(f.read(`CONTROL/${XGM}/state/value`).data).toEqual(['ON', 'ON']);
    const td = f.read(`INSTRUMENT/${XGM}:output/data/intensityTD`, [[1, 2], [0, 3]]);
    expect(Array.from(td.data as Float32Array)).toEqual([5000, 5001, 5002]);
    expect(f.info(`INSTRUMENT/${XGM}:output/data/xTD`).shape).toEqual([32, 1000]);
    expect(values(f, `INSTRUMENT/${XGM}:output/data/trainId`).slice(0, 3)).toEqual([2147483649, 2147483650, 0]);
    // camera images on even toff only: counts 1,0 → one row
    expect(values(f, 'INDEX/SPB_EXP_ZYLA/CAM/1:daqOutput/data/count')).toEqual([1, 0]);
    expect(f.info('INSTRUMENT/SPB_EXP_ZYLA/CAM/1:daqOutput/data/image/pixels')).toMatchObject({ shape: [32, 16, 32], compression: 'gzip' });
    f.close();
  });

  it('writes XTDF module files with missing and empty trains', async () => {
    const f7 = await open(dir, 'RAW-R0012-AGIPD07-S00000.h5');
    expect(values(f7, 'INDEX/trainId').filter(Boolean)).toEqual([2147483645, 2147483647]);
    expect(values(f7, `INDEX/${AGIPD7}/image/count`)).toEqual([2, 2]);
    expect(f7.info(`INSTRUMENT/${AGIPD7}/image/data`)).toMatchObject({ shape: [4, 2, 512, 128], dtype: 'uint16' });
    expect(values(f7, `INSTRUMENT/${AGIPD7}/image/pulseId`)).toEqual([4, 12, 4, 12]);
    const frame = f7.read(`INSTRUMENT/${AGIPD7}/image/data`, [[3, 4], [1, 2], [0, 1], [0, 3]]);
    expect(Array.from(frame.data as Uint16Array)).toEqual([27210, 27211, 27212]); // toff 2, p 1, gain plane
    expect(values(f7, `INSTRUMENT/${AGIPD7}/header/magicNumberBegin`).slice(0, 8)).toEqual([88, 84, 68, 70, 0, 0, 0, 0]);
    f7.close();
    const f0 = await open(dir, 'RAW-R0012-AGIPD00-S00000.h5');
    expect(values(f0, 'INDEX/SPB_DET_AGIPD1M-1/DET/0CH0:xtdf/image/count')).toEqual([2, 2, 0]);
    expect(values(f0, 'INSTRUMENT/SPB_DET_AGIPD1M-1/DET/0CH0:xtdf/header/pulseCount').slice(0, 3)).toEqual([2, 2, 0]);
    expect(f0.keys('/')).toEqual(['INDEX', 'INSTRUMENT', 'METADATA', 'RUN']);
    f0.close();
  });
});

describe('writeEuxfelFile', () => {
  it('writes fixed-length METADATA strings and the old first/last/status INDEX', async () => {
    const path = join(tmp, 'CORR-R0803-AGIPD07-S00000.h5');
    await writeEuxfelFile(path, {
      formatVersion: '1.0', trainIds: [10004, 10005, 10006], metadataStrings: 'fixed', indexFormat: 'firstLastStatus',
      sources: [{
        kind: 'instrument', name: 'SPB_DET_AGIPD1M-1/DET/7CH0:xtdf',
        groups: { image: { counts: [2, 0, 1], padRows: false, keys: { data: { value: { data: new Float32Array([1, 2, 3]), shape: [3], dtype: 'float32' } } } } },
      }],
    });
    const f = await HDF5File.open(path);
    const ids = f.read('METADATA/dataSources/dataSourceId').data as string[];
    expect(ids.slice(0, 2)).toEqual(['INSTRUMENT/SPB_DET_AGIPD1M-1/DET/7CH0:xtdf/image', '']);
    expect(f.read('METADATA/dataFormatVersion').data).toEqual(['1.0']);
    const ix = 'INDEX/SPB_DET_AGIPD1M-1/DET/7CH0:xtdf/image';
    expect(f.kind(`${ix}/count`)).toBeNull();
    expect([values(f, `${ix}/first`), values(f, `${ix}/last`), values(f, `${ix}/status`)]).toEqual([[0, 2, 2], [1, 2, 2], [1, 0, 1]]);
    expect(values(f, 'INSTRUMENT/SPB_DET_AGIPD1M-1/DET/7CH0:xtdf/image/trainId')).toEqual([10004, 10004, 10006]);
    f.close();
  });

  it('names the source when counts and rows disagree', async () => {
    await expect(writeEuxfelFile(join(tmp, 'bad.h5'), {
      formatVersion: '1.0', trainIds: [1, 2],
      sources: [{ kind: 'instrument', name: 'A/B/C:out', groups: { data: { counts: [1, 1], keys: { x: { value: { data: new Int32Array(3), shape: [3], dtype: 'int32' } } } } } }],
    })).rejects.toThrow('instrument source A/B/C:out key x: 3 rows, counts say 2');
  });
});

describe('synthetic files against the oracle fixtures', () => {
  it.skipIf(!haveOracle).each(['0.5', '1.0'] as const)('reproduces format-%s-run dataset for dataset', async (version) => {
    const dir = join(tmp, `fixture-${version}`);
    await writeSyntheticRun(dir, {
      runNumber: 5, formatVersion: version, nTrains: 30,
      aggregators: [{ name: 'DA01', devices: [xgm(XGM), camera('FXE_XAD_GEC/CAM/CAMERA_NODATA', { hasImage: () => false })] }],
    });
    const ours = await open(dir, 'RAW-R0005-DA01-S00000.h5');
    const theirs = await HDF5File.open(join(FIXTURES, `format-${version}-run`, 'RAW-R0005-DA01-S00000.h5'));
    const datasets = (f: HDF5File) => f.keys('/').flatMap((g) => f.datasetsBelow(g).map((d) => `${g}/${d}`)).sort();
    expect(datasets(ours)).toEqual(datasets(theirs));
    for (const path of datasets(theirs)) {
      const { shape, dtype } = theirs.info(path);
      expect({ path, shape, dtype }).toEqual({ path, ...pick(ours.info(path)) });
      if (path.startsWith('METADATA/')) continue; // padding entries are NULL: compared above by shape
      expect({ path, data: ours.read(path).data }).toEqual({ path, data: theirs.read(path).data });
    }
    ours.close();
    theirs.close();
  });
});

describe('digitizer', () => {
  const adc = (hasTrace?: (toff: number) => boolean) => digitizer('SA3_XTD10_PES/ADC/1:network', {
    samples: 64, seed: 5, hasTrace, channels: { '1_A': [{ sample: 20, width: 2, height: 300 }] },
  });

  it('writes the same int16 traces whichever sequence file a train lands in, none for missed triggers', async () => {
    const split = join(tmp, 'adc-split');
    const whole = join(tmp, 'adc-whole');
    await writeSyntheticRun(split, { runNumber: 3, nTrains: 10, aggregators: [{ name: 'DA02', trainsPerSequence: 3, devices: [adc((t) => t !== 4)] }] });
    await writeSyntheticRun(whole, { runNumber: 3, nTrains: 10, aggregators: [{ name: 'DA02', devices: [adc()] }] });
    const a = (await RunDirectory(split)).getArray('SA3_XTD10_PES/ADC/1:network', digitizerKey('1_A'));
    const b = (await RunDirectory(whole)).getArray('SA3_XTD10_PES/ADC/1:network', digitizerKey('1_A'));
    expect(a.dtype).toBe('int16');
    expect(a.coords.trainId).toEqual(b.coords.trainId.filter((t) => t !== 10004));
    const trace = (x: typeof a, trainId: number) => {
      const r = x.coords.trainId.indexOf(trainId);
      return Array.from((x.data as Int16Array).subarray(r * 64, (r + 1) * 64));
    };
    for (const t of a.coords.trainId) expect(trace(a, t)).toEqual(trace(b, t));
    // A negative-going peak at sample 20 on the -8 baseline.
    const row = trace(b, 10000);
    expect(row.indexOf(Math.min(...row))).toBe(20);
    expect(Math.min(...row)).toBeLessThan(-200);
    expect(Math.abs(row[60] + 8)).toBeLessThan(10);
  });
});

describe('demo ring pattern geometry', () => {
  it.skipIf(!haveOracle)('places pixels as EXtra-geom’s from_quad_positions does', () => {
    const ref = JSON.parse(readFileSync(join(REFS, 'geom-agipd-quadpos', 'model.json'), 'utf8'));
    const modules: Array<Array<{ corner_pos: number[]; ss_vec: number[]; fs_vec: number[] }>> = ref.cases[0].result.modules;
    modules.forEach((tiles, m) => {
      const { x, y } = agipdPixelPositions(m);
      tiles.forEach((tile, t) => {
        // Centre of the tile's first pixel: corner + half a step along ss and fs, in px.
        const px = (i: number) => (tile.corner_pos[i] + (tile.ss_vec[i] + tile.fs_vec[i]) / 2) / 2e-4;
        const i = t * 64 * 128;
        expect([x[i], y[i]]).toEqual([expect.closeTo(px(0), 6), expect.closeTo(px(1), 6)]);
      });
    });
  });
});

function pick({ shape, dtype }: { shape: number[]; dtype: string }) {
  return { shape, dtype };
}
