// Runs in every file format version (0.5, 1.0 and the 1.1–1.3 the fixtures lack),
// written by the project's synthetic-run writer and read back through RunDirectory.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RunDirectory, type DataCollection } from '../../src/core/index';
import { FORMAT_VERSIONS, camera, writeSyntheticRun, xgm, type FormatVersion } from '../../src/core/synthetic';

const tmp = mkdtempSync(join(tmpdir(), 'xrv-formats-'));
process.env.XFEL_RUN_VIEWER_CACHE = join(tmp, 'cache');
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const XGM = 'SA1_XTD2_XGM/DOOCS/MAIN';
const CAM = 'SPB_EXP_ZYLA/CAM/1:daqOutput';
const AGIPD7 = 'SPB_DET_AGIPD1M-1/DET/7CH0:xtdf';
const FIRST = 4294967290; // crosses 2^32
const SUSPECT = FIRST + 2;

describe.each(FORMAT_VERSIONS)('format %s', (version: FormatVersion) => {
  const dir = join(tmp, `v${version}`);
  let run: DataCollection;

  beforeAll(async () => {
    await writeSyntheticRun(dir, {
      runNumber: 3, formatVersion: version, firstTrainId: FIRST, nTrains: 8, suspectTrainIds: [SUSPECT],
      // METADATA strings fixed-length in some versions, variable-length in others
      metadataStrings: version === '1.2' || version === '0.5' ? 'fixed' : 'vlen',
      aggregators: [{ name: 'DA01', trainsPerSequence: 5, devices: [xgm(XGM), camera('SPB_EXP_ZYLA/CAM/1', { shape: [4, 6], hasImage: (t) => t % 3 === 0 })] }],
      detector: { type: 'AGIPD', framesPerTrain: 2, modules: [7], trainIds: [FIRST, FIRST + 1, FIRST + 3] },
    });
    run = await RunDirectory(dir);
  });

  it('lists trains, sources and the format version', () => {
    expect(run.trainIds).toEqual(Array.from({ length: 8 }, (_, i) => FIRST + i));
    expect([...run.controlSources].sort()).toEqual([XGM, 'SPB_EXP_ZYLA/CAM/1']);
    expect([...run.detectorSources]).toEqual([AGIPD7]);
    expect(new Set(run.files.map((f) => f.formatVersion))).toEqual(new Set([version]));
    expect(run.warnings.some((w) => w.includes('format version 1.1'))).toBe(version === '1.1');
  });

  it('chains sequence files and reads values across them', () => {
    const s = run.getSeries(XGM, 'pulseEnergy.photonFlux');
    expect(s.index).toEqual(run.trainIds);
    expect(Array.from(s.values as Float32Array)).toEqual([1000, 1001, 1002, 1003, 1004, 1005, 1006, 1007]);
    const cam = run.getArray(CAM, 'data.image.pixels');
    expect(cam.coords.trainId).toEqual([FIRST, FIRST + 3, FIRST + 6]); // hasImage gets the train offset
    expect(cam.shape.slice(1)).toEqual([4, 6]);
  });

  it('gives train timestamps from INDEX/timestamp (none in format 0.5)', () => {
    const ts = run.trainTimestamps();
    expect(ts).toHaveLength(8);
    if (version === '0.5') expect([...ts].every((t) => t === 0n)).toBe(true);
    else expect(ts[3] - ts[0]).toBe(300_000_000n);
  });

  it('reads detector frames with the train of each frame', () => {
    const a = run.getArray(AGIPD7, 'image.pulseId');
    expect(a.coords.trainId).toEqual([FIRST, FIRST, FIRST + 1, FIRST + 1, FIRST + 3, FIRST + 3]);
    expect(run.detectorInfo(AGIPD7)).toMatchObject({ framesPerTrain: 2 });
  });

  it('includes suspect trains by default and can exclude them (1.1 flag inverted)', async () => {
    const strict = await RunDirectory(dir, { includeSuspectTrains: false });
    // format 0.5 has no flag: every train of a monotonic file is good
    const expected = version === '0.5' ? run.trainIds : run.trainIds.filter((t) => t !== SUSPECT);
    expect(strict.trainIds).toEqual(expected);
    expect(strict.getSeries(XGM, 'beamPosition.ixPos').index).toEqual(expected);
  });
});
