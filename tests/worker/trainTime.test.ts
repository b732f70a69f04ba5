// The Train panel's train time: INDEX/timestamp where the files have it (format ≥ 1.0),
// otherwise the newest control timestamp of the train, and which of the two it is.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ViewerApi } from '../../src/worker/api';
import { FIXTURES, requireOracle } from '../oracle/oracle';

describe.runIf(requireOracle())('train time', () => {
  const api = new ViewerApi();

  it('comes from INDEX/timestamp in a format 1.0 run', async () => {
    const { runId } = await api.openRun(join(FIXTURES, 'fxe-lpd-run'), 'fxe-lpd-run');
    const view = api.train(runId, 10130);
    expect(view.utcSource).toBe('index');
    // INDEX/timestamp of train 10130: 1546300800 s + 130 trains at 10 Hz
    expect(view.utc).toBe('2019-01-01T00:00:13.000Z');
  });

  it('falls back to the newest control timestamp in a format 0.5 run (no INDEX/timestamp)', async () => {
    const { runId, trainIds } = await api.openRun(join(FIXTURES, 'format-0.5-run'), 'format-0.5-run');
    // Read once for the run (newestControlTimes), equal to the newest of each train's rows
    for (const t of [trainIds[3], trainIds[0], trainIds.at(-1)!]) {
      const view = api.train(runId, t);
      const stamps = view.rows.map((r) => r.timestamp).filter((s): s is string => !!s).sort();
      expect(stamps.length).toBeGreaterThan(0);
      expect(view.utcSource).toBe('control');
      expect(view.utc).toBe(stamps.at(-1));
      expect(api.trainOutline(runId, t).utc).toBe(view.utc);
    }
  });
});
