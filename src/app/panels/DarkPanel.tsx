// Beside the Detector panel: a dark train range — of this run or of a dark run opened beside
// it — whose per-pulse (or per-cell) mean the worker pool computes (progress, cancel) and the
// worker subtracts from every frame, and from means, before assembly.
import { useState } from 'react';
import { api } from '../../worker/client';
import type { RunSummary } from '../../worker/api';
import type { DarkInfo } from '../../worker/darkFrames';
import { folderName } from '../actions/openRun';
import { isH5 } from '../actions/folderWalk';
import { setState, useViewer } from '../store/viewerStore';
import { withProgress } from '../actions/withProgress';

export function DarkPanel() {
  const run = useViewer((s) => s.run);
  const detector = useViewer((s) => s.detector);
  const geometry = useViewer((s) => s.geometry);
  const [range, setRange] = useState<{ first: number | null; last: number | null }>({ first: null, last: null });
  const [by, setBy] = useState<'pulseId' | 'cellId'>('pulseId');
  const [applied, setApplied] = useState<(DarkInfo & { key: string; from: string }) | null>(null);
  /** A dark run opened beside this one (null: this run's trains). */
  const [darkRun, setDarkRun] = useState<{ summary: RunSummary; forRun: number } | null>(null);
  const det = run?.detectors.find((d) => d.name === detector);
  if (!run || !det || !geometry) return null;
  const key = `${run.runId}/${det.name}`;
  const active = applied?.key === key ? applied : null;
  const other = darkRun?.forRun === run.runId ? darkRun.summary : null;
  const darkDet = other ? other.detectors.find((d) => d.name === det.name) : det;
  const darkTrainIds = darkDet?.trainIds ?? [];
  // A dark run is all dark; in this run, the first 10 trains with frames by default.
  const first = range.first ?? darkTrainIds[0] ?? 0;
  const last = range.last ?? darkTrainIds[(other ? darkTrainIds.length : Math.min(darkTrainIds.length, 10)) - 1] ?? 0;
  const darkTrains = darkTrainIds.filter((t) => t >= first && t <= last);
  /** Asks the Detector panel to fetch its frame again (its effect depends on the geometry object). */
  const redraw = () => setState({ geometry: { ...useViewer.getState().geometry! } });

  const apply = async () => {
    const from = other ? other.name : 'this run';
    const info = await withProgress(`Dark mean over ${darkTrains.length} trains of ${from}`,
      (onProgress) => api().detector.setDark(run.runId, det.name, darkTrains, by, onProgress, other?.runId ?? run.runId),
      () => void api().detector.cancel());
    if (info) {
      setApplied({ ...info, key, from });
      redraw();
    }
  };
  /** Opens a dark run's folder in the worker beside this run (not as the shown run). */
  const openDarkRun = async (e: React.ChangeEvent<HTMLInputElement>) => {
    const files = [...(e.target.files ?? [])].filter(isH5);
    e.target.value = '';
    if (!files.length) return;
    const name = folderName(files);
    const summary = await withProgress(`Opening dark run ${name}`, async (onProgress) => {
      const opened = await api().openRun(files, name, onProgress);
      if (!opened.detectors.some((d) => d.name === det.name)) {
        await api().closeRun(opened.runId);
        throw new Error(`${name}: no ${det.name} modules, so it cannot be this detector's dark`);
      }
      return opened;
    });
    if (!summary) return;
    if (darkRun) await api().closeRun(darkRun.summary.runId);
    setDarkRun({ summary, forRun: run.runId });
    setRange({ first: null, last: null });
  };
  const useThisRun = async () => {
    if (darkRun) await api().closeRun(darkRun.summary.runId);
    setDarkRun(null);
    setRange({ first: null, last: null });
  };
  const clear = async () => {
    await api().detector.clearDark(run.runId, det.name);
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
      <p className="muted">The mean of a dark train range, per pulse ID or per memory cell, subtracted from every frame before assembly, and from the means over pulses and trains.</p>
      <div className="row">Dark from <b data-testid="dark-source">{other ? other.name : 'this run'}</b>
        <label className="button">Open dark run…
          <input className="visually-hidden" type="file" data-testid="dark-run-input" {...{ webkitdirectory: '', directory: '' }} onChange={(e) => void openDarkRun(e)} />
        </label>
        {other && <button data-testid="dark-this-run" onClick={() => void useThisRun()}>Use this run</button>}
      </div>
      <div className="row">Train IDs {trainField('first', first)} – {trainField('last', last)}
        <select value={by} data-testid="dark-by" aria-label="Dark mean by" onChange={(e) => setBy(e.target.value as 'pulseId' | 'cellId')}>
          <option value="pulseId">per pulse</option>
          <option value="cellId">per cell</option>
        </select>
        <button className="primary" data-testid="dark-apply" disabled={!darkTrains.length} onClick={() => void apply()}>Subtract dark</button>
        <button data-testid="dark-clear" disabled={!active} onClick={() => void clear()}>Clear</button>
      </div>
      <p className="muted" data-testid="dark-status">
        {active ? `Dark subtracted: mean ${active.by === 'cellId' ? 'per cell' : 'per pulse'} of ${active.trainIds.length} trains of ${active.from} (${active.trainIds[0]}–${active.trainIds.at(-1)}), ${active.groups.length} ${active.by === 'cellId' ? 'cells' : 'pulses'}` : 'No dark subtracted'}
      </p>
    </section>
  );
}
