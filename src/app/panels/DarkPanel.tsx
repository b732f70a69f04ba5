// Beside the Detector panel: a dark train range of the same run whose per-pulse (or per-cell)
// mean the worker computes (progress, cancel) and subtracts from every frame before assembly.
import { useState } from 'react';
import { api, callback } from '../../worker/client';
import type { DarkInfo } from '../../worker/darkFrames';
import { reportError, setState, useViewer } from '../store/viewerStore';

export function DarkPanel() {
  const run = useViewer((s) => s.run);
  const detector = useViewer((s) => s.detector);
  const geometry = useViewer((s) => s.geometry);
  const [range, setRange] = useState<{ first: number | null; last: number | null }>({ first: null, last: null });
  const [by, setBy] = useState<'pulseId' | 'cellId'>('pulseId');
  const [applied, setApplied] = useState<(DarkInfo & { key: string }) | null>(null);
  const det = run?.detectors.find((d) => d.name === detector);
  if (!run || !det || !geometry) return null;
  const key = `${run.runId}/${det.name}`;
  const active = applied?.key === key ? applied : null;
  const first = range.first ?? det.trainIds[0];
  const last = range.last ?? det.trainIds[Math.min(det.trainIds.length, 10) - 1];
  const darkTrains = det.trainIds.filter((t) => t >= first && t <= last);
  /** Asks the Detector panel to fetch its frame again (its effect depends on the geometry object). */
  const redraw = () => setState({ geometry: { ...useViewer.getState().geometry! } });

  const apply = async () => {
    let cancelled = false;
    const label = `Dark mean over ${darkTrains.length} trains`;
    const onCancel = () => {
      cancelled = true;
      void api().cancel();
      setState({ progress: null });
    };
    setState({ progress: { label, onCancel } });
    try {
      const info = await api().setDark(run.runId, det.name, darkTrains, by,
        callback((done: number, total: number) => { if (!cancelled) setState({ progress: { label, done, total, onCancel } }); }));
      if (!cancelled) {
        setApplied({ ...info, key });
        redraw();
      }
    } catch (e) {
      if (!cancelled) reportError(e);
    } finally {
      if (!cancelled) setState({ progress: null });
    }
  };
  const clear = async () => {
    await api().clearDark(run.runId, det.name);
    setApplied(null);
    redraw();
  };
  const trainField = (name: 'first' | 'last', value: number) => (
    <input type="number" style={{ width: 110 }} value={value} data-testid={`dark-${name}`} aria-label={`Dark ${name} train ID`}
      onChange={(e) => setRange({ ...range, [name]: Number(e.target.value) })} />
  );

  return (
    <section data-testid="dark-panel">
      <h3>Dark subtraction</h3>
      <p className="muted">The mean of a dark train range of this run, per pulse ID or per memory cell, subtracted from every pulse's frame before assembly (the train mean view is shown raw).</p>
      <div className="row">Train IDs {trainField('first', first)} – {trainField('last', last)}
        <select value={by} data-testid="dark-by" aria-label="Dark mean by" onChange={(e) => setBy(e.target.value as 'pulseId' | 'cellId')}>
          <option value="pulseId">per pulse</option>
          <option value="cellId">per cell</option>
        </select>
        <button className="primary" data-testid="dark-apply" disabled={!darkTrains.length} onClick={() => void apply()}>Subtract dark</button>
        <button data-testid="dark-clear" disabled={!active} onClick={() => void clear()}>Clear</button>
      </div>
      <p className="muted" data-testid="dark-status">
        {active ? `Dark subtracted: mean ${active.by === 'cellId' ? 'per cell' : 'per pulse'} of ${active.trainIds.length} trains (${active.trainIds[0]}–${active.trainIds.at(-1)}), ${active.groups.length} ${active.by === 'cellId' ? 'cells' : 'pulses'}` : 'No dark subtracted'}
      </p>
    </section>
  );
}
