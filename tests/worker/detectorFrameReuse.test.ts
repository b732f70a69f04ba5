// Pulse stepping in the worker: images assembled into arrays the page sends back, and the
// train's next pulses read ahead; both give the same pixels as a plain assembly.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ViewerApi, type FrameRequest } from '../../src/worker/api';
import { FIXTURES, requireOracle } from '../oracle/oracle';

const settle = () => new Promise((r) => setTimeout(r, 1500));

describe.runIf(requireOracle())('detector frames for pulse stepping', () => {
  async function opened() {
    const api = new ViewerApi();
    const run = await api.openRun(join(FIXTURES, 'fxe-lpd-run'), 'fxe-lpd-run');
    const geometry = api.geometry.default('LPD');
    const req = (pulse: number, trainId = run.detectors[0].trainIds[0]): FrameRequest => ({
      detector: run.detectors[0].name, geometryId: geometry.geometryId, trainId, pulse, pulseBy: 'index', plane: 'data', applyMask: false,
    });
    return { api, runId: run.runId, req };
  }

  it('assembles into a spare image sent back by the page, with NaN gaps as before', async () => {
    const { api, runId, req } = await opened();
    const first = api.detector.frame(runId, req(0));
    const spare = first.image.slice().fill(7); // stale values everywhere, gaps included
    const fresh = await opened();
    const expected = fresh.api.detector.frame(fresh.runId, fresh.req(2));
    const got = api.detector.frame(runId, req(2), [spare]);
    expect(got.image.buffer).toBe(spare.buffer);
    expect(got.image).toEqual(expected.image);
    expect(got.stats).toEqual(expected.stats);
  });

  it('reads the train’s other pulses and the next train ahead, giving the same frames', async () => {
    const { api, runId, req } = await opened();
    const trains = api.summary(runId).detectors[0].trainIds;
    api.detector.frame(runId, req(1));
    await settle();
    const fresh = await opened();
    for (const r of [req(2), req(0), req(1, trains[1])]) {
      const ahead = api.detector.frame(runId, r);
      const plain = fresh.api.detector.frame(fresh.runId, r);
      expect({ trainId: ahead.trainId, pulse: ahead.pulse, pulseIds: ahead.pulseIds }).toEqual({ trainId: plain.trainId, pulse: plain.pulse, pulseIds: plain.pulseIds });
      expect(ahead.image).toEqual(plain.image);
    }
  });
});
