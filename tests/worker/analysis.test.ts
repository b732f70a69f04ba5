// The worker's validation and analysis methods used directly in Node, on fixture runs.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { ViewerApi } from '../../src/worker/api';
import { H5File, suppressionRatio } from '../../src/core/index';
import { FIXTURES, requireOracle } from '../oracle/oracle';

const XGM_OUT = 'SA1_XTD2_XGM/DOOCS/MAIN:output';

describe.runIf(requireOracle())('AnalysisApi and ValidationApi', () => {
  const api = new ViewerApi();
  const opened = api.openRun(join(FIXTURES, 'fxe-lpd-run'), 'fxe-lpd-run');

  it('validates the files a run was opened from', async () => {
    const broken = await api.openRun(join(FIXTURES, 'broken-index-past-end'), 'broken');
    const done: number[] = [];
    const result = await api.validation.validateRun(broken.runId, (d) => done.push(d));
    expect(result.problems.length).toBeGreaterThan(0);
    expect(result.problems.every((p) => p.check && p.msg)).toBe(true);
    expect(done.at(-1)).toBe(result.files);
    const clean = await api.validation.validateRun((await opened).runId);
    expect(clean.problems).toEqual([]);
  });

  it('writes a selection that reads back with the chosen trains', async () => {
    const { runId, trainIds } = await opened;
    const spec = { sourceGlob: 'SA1_XTD2_XGM/*', keyGlob: '*', firstTrainId: trainIds[10], lastTrainId: trainIds[19] };
    expect(api.analysis.selectionSummary(runId, spec)).toEqual({ nTrains: 10, sources: ['SA1_XTD2_XGM/DOOCS/MAIN', XGM_OUT] });
    const bytes = await api.analysis.selectionHdf5(runId, spec);
    const dir = await mkdtemp(join(tmpdir(), 'analysis-test-'));
    try {
      await writeFile(join(dir, 'sel.h5'), bytes);
      const f = await H5File(join(dir, 'sel.h5'));
      expect([...f.trainIds]).toEqual(trainIds.slice(10, 20));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('gives the XGM pulse image and the core suppression ratio', async () => {
    const { runId, nTrains } = await opened;
    const on = { start: 0, stop: 20, step: 2 };
    const off = { start: 1, stop: 20, step: 2 };
    const r = api.analysis.xgmPulses(runId, XGM_OUT, 'data.intensityTD', on, off, 10);
    expect(r.shape[1]).toBe(nTrains);
    expect(r.image.length).toBe(r.shape[0] * r.shape[1]);
    expect(r.ratio.length).toBe(nTrains);
    const a = api.array(runId, XGM_OUT, 'data.intensityTD');
    const ref = suppressionRatio({ data: a.data, shape: a.shape, dtype: 'float32' }, on, off);
    expect(r.overall).toEqual(ref.overall);
    expect(r.histogram.counts.reduce((x, y) => x + y, 0)).toBe(Array.from(r.ratio).filter(Number.isFinite).length);
  });

  it('sums a vector key over trains', async () => {
    const { runId, nTrains } = await opened;
    const sum = api.analysis.waveform(runId, XGM_OUT, 'data.intensityTD', 'sum');
    const mean = api.analysis.waveform(runId, XGM_OUT, 'data.intensityTD', 'mean');
    expect(sum.nTrains).toBe(nTrains);
    expect(mean.values[0]).toBeCloseTo(sum.values[0] / nTrains, 6);
  });
});
