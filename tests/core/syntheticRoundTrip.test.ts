// The synthetic runs read back through the core's own reader, one per format version:
// what the other tests rely on when they use the writer for fixtures.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RunDirectory } from '../../src/core';
import { FORMAT_VERSIONS, writeSyntheticRun, xgm } from '../../src/core/synthetic';

const tmp = mkdtempSync(join(tmpdir(), 'xfel-roundtrip-'));
process.env.XFEL_RUN_VIEWER_CACHE = join(tmp, 'cache');
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const XGM = 'SA3_XTD10_XGM/XGM/DOOCS';
const FIRST = 4294967290; // crosses 2^32, as the hidden fixtures do

describe.each(FORMAT_VERSIONS)('format %s run read back', (formatVersion) => {
  const dir = join(tmp, formatVersion);

  it('has the written trains, suspect ones only when asked for', async () => {
    await writeSyntheticRun(dir, {
      runNumber: 3, formatVersion, firstTrainId: FIRST, nTrains: 12, suspectTrainIds: [FIRST + 5],
      aggregators: [{ name: 'DA02', trainsPerSequence: 5, devices: [xgm(XGM)] }],
      detector: { type: 'DSSC', framesPerTrain: 2, modules: [3], trainIds: [FIRST + 1, FIRST + 2], gzip: 0 },
    });
    const all = Array.from({ length: 12 }, (_, i) => FIRST + i);
    const run = await RunDirectory(dir);
    expect(run.trainIds).toEqual(all);
    expect(run.files.map((f) => f.formatVersion)).toEqual(Array(4).fill(formatVersion));
    expect([...run.controlSources]).toEqual([XGM]);
    // 0.5 has no flag: every train is good there.
    const good = await RunDirectory(dir, { includeSuspectTrains: false });
    expect(good.trainIds).toEqual(formatVersion === '0.5' ? all : all.filter((t) => t !== FIRST + 5));
  });

  it('gives the deterministic values through the getters', async () => {
    const run = await RunDirectory(dir);
    const ixPos = run.getSeries(XGM, 'beamPosition.ixPos');
    expect(Array.from(ixPos.values as ArrayLike<number>)).toEqual(all12((t) => Math.fround(Math.sin(0.1 * t))));
    const td = run.getArray(`${XGM}:output`, 'data.intensityTD', { roi: [[0, 2]] });
    expect(Array.from(td.data as Float32Array).slice(-2)).toEqual([11000, 11001]);
    const pulses = run.getArray('SCS_DET_DSSC1M-1/DET/3CH0:xtdf', 'image.pulseId');
    expect(pulses.data).toEqual(new BigUint64Array([1n, 11n, 1n, 11n]));
  });
});

function all12(f: (toff: number) => number): number[] {
  return Array.from({ length: 12 }, (_, t) => f(t));
}
