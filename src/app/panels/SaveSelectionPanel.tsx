// "Save selection as HDF5" (docs 3.1.6): the chosen sources/keys and train range written by
// the core in the worker (an in-memory HDF5 file), handed over as bytes and downloaded.
// Nothing is ever written into the run folder: the browser saves where the user says.
import { useEffect, useState } from 'react';
import { api } from '../../worker/client';
import type { SelectionSpec } from '../../worker/api';
import { reportError, useViewer } from '../store/viewerStore';
import { downloadBlob } from '../actions/download';
import { startTask } from '../actions/tasks';

export function SaveSelectionPanel() {
  const run = useViewer((s) => s.run);
  const source = useViewer((s) => s.source);
  const [spec, setSpec] = useState<SelectionSpec>({ sourceGlob: source ?? '*', keyGlob: '*' });
  const [summary, setSummary] = useState<{ nTrains: number; sources: string[] } | string | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (!run) return;
    let live = true;
    api().analysis.selectionSummary(run.runId, spec)
      .then((s) => live && setSummary(s))
      .catch((e) => live && setSummary(e instanceof Error ? e.message : String(e)));
    return () => { live = false; };
  }, [run, spec]);

  if (!run) return <p className="muted">Open a run, then choose what to save.</p>;
  const trainField = (field: 'firstTrainId' | 'lastTrainId', fallback: number | null) => (
    <input type="number" data-testid={`save-${field === 'firstTrainId' ? 'first' : 'last'}-train`} value={spec[field] ?? fallback ?? ''}
      onChange={(e) => setSpec({ ...spec, [field]: e.target.value === '' ? undefined : Number(e.target.value) })} />
  );

  const save = async () => {
    setSaving(true);
    // One call to the core's writer: Cancel only drops its result.
    const task = startTask('Writing the selection as HDF5', () => {});
    try {
      const bytes = await api().analysis.selectionHdf5(run.runId, spec);
      if (!task.cancelled) downloadBlob(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/x-hdf5' }), `${run.name}-selection.h5`);
    } catch (e) {
      if (!task.cancelled) reportError(e);
    } finally {
      setSaving(false);
      task.end();
    }
  };

  return (
    <div data-testid="save-panel">
      <p className="muted">Writes the selected sources, keys and trains as one EuXFEL-format HDF5 file (readable by EXtra-data), downloaded where your browser saves files.</p>
      <div className="row">
        <label>Sources <input type="text" className="mono" data-testid="save-source-glob" value={spec.sourceGlob}
          onChange={(e) => setSpec({ ...spec, sourceGlob: e.target.value })} /></label>
        <label>Keys <input type="text" className="mono" data-testid="save-key-glob" value={spec.keyGlob}
          onChange={(e) => setSpec({ ...spec, keyGlob: e.target.value })} /></label>
      </div>
      <div className="row">
        <label>Trains from {trainField('firstTrainId', run.firstTrainId)}</label>
        <label>to {trainField('lastTrainId', run.lastTrainId)}</label>
        <span className="muted">(train IDs, inclusive)</span>
      </div>
      {typeof summary === 'string' && <p className="error-banner">{summary}</p>}
      {summary && typeof summary === 'object' && (
        <div data-testid="save-summary">
          <p>{summary.nTrains} trains, {summary.sources.length} sources:</p>
          <ul className="mono">{summary.sources.map((s) => <li key={s}>{s}</li>)}</ul>
        </div>
      )}
      <button className="primary" data-testid="save-selection" disabled={saving || typeof summary !== 'object' || !summary?.nTrains}
        onClick={() => void save()}>
        Save selection as HDF5
      </button>
    </div>
  );
}
