// The worker API used directly in Node (no Worker): what the panels get for a fixture run.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { ViewerApi } from '../../src/worker/api';
import { FIXTURES, loadRef, requireOracle } from '../oracle/oracle';

const XGM = 'SA1_XTD2_XGM/DOOCS/MAIN';

describe.runIf(requireOracle())('ViewerApi on fxe-lpd-run', () => {
  const api = new ViewerApi();
  const opened = api.openRun(join(FIXTURES, 'fxe-lpd-run'), 'fxe-lpd-run');

  it('summarises the run as info() does', async () => {
    const run = await opened;
    const ref = loadRef('fxe-lpd-run', 'open').cases[0].result;
    expect(run.trainIds).toEqual(ref.train_ids);
    expect(run.nTrains).toBe(260);
    expect(run.durationSeconds).toBe(26);
    expect(run.detectors).toEqual([{ name: 'FXE_DET_LPD1M-1', type: 'LPD', modules: [...Array(16).keys()], trainIds: [10197, 10198, 10199, 10200, 10201] }]);
    expect(run.info).toContain('# of trains:    260');
  });

  it('lists sources with their keys, detector modules grouped', async () => {
    const { runId } = await opened;
    const rows = api.sources(runId);
    const xgm = rows.find((r) => r.source === XGM)!;
    expect(xgm.kind).toBe('control');
    expect(xgm.keys).toContain('beamPosition.ixPos.value');
    expect(rows.find((r) => r.source === 'FXE_DET_LPD1M-1/DET/0CH0:xtdf')?.detector).toBe('FXE_DET_LPD1M-1');
  });

  it('gives a series as doubles, equal to the reference', async () => {
    const { runId } = await opened;
    const ref = loadRef('fxe-lpd-run', 'get_series').cases[0];
    const s = api.series(runId, XGM, 'beamPosition.ixPos.value');
    expect(Array.from(s.trainIds)).toEqual(ref.result.index);
    expect(Array.from(s.values)).toEqual(ref.result.values);
  });

  it('describes keys and shows a train', async () => {
    const { runId } = await opened;
    const info = api.keyInfo(runId, 'SA1_XTD2_XGM/DOOCS/MAIN:output', 'data.intensityTD');
    expect(info).toMatchObject({ dtype: 'float32', trainsWithData: 260 });
    expect(info.shape.at(-1)).toBe(1000);
    const train = api.train(runId, 10010);
    expect(train.trainId).toBe(10010);
    expect(train.rows.find((r) => r.source === XGM && r.key === 'beamPosition.ixPos.value')?.value).toBe(Math.fround(Math.sin(1)).toPrecision(6));
  });

  it('draws and writes the default LPD geometry', () => {
    const g = api.defaultGeometry('LPD');
    const d = api.inspectGeometry(g.geometryId);
    expect(d.tiles).toHaveLength(16 * 16);
    expect(api.writeCrystfelGeom(g.geometryId)).toContain('p0a0/');
  });
});
