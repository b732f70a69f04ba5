// The current train: every selected source's values (trainFromId), trains without data marked.
import { useEffect, useState } from 'react';
import { api } from '../../worker/client';
import type { TrainView } from '../../worker/api';
import { reportError, useViewer } from '../store/viewerStore';
import { sourceKeyFilter } from '../../worker/glob';
import { TrainControls } from './TrainControls';

const UTC_SOURCE: Record<TrainView['utcSource'], string> = {
  index: 'INDEX/timestamp',
  control: 'newest control timestamp: these files have no INDEX/timestamp',
  none: '',
};

export function TrainPanel() {
  const runId = useViewer((s) => s.run?.runId);
  const trainId = useViewer((s) => s.trainId);
  const [filter, setFilter] = useState('');
  const [view, setView] = useState<TrainView | null>(null);

  useEffect(() => {
    if (runId === undefined || trainId === null) return;
    let live = true;
    api().train(runId, trainId).then((v) => live && setView(v)).catch(reportError);
    return () => { live = false; };
  }, [runId, trainId]);

  if (runId === undefined) return <p className="muted">Open a run to browse its trains.</p>;
  const match = sourceKeyFilter(filter);
  const rows = (view?.rows ?? []).filter((r) => match(r.source, r.key ?? undefined));
  return (
    <div>
      <TrainControls />
      <div className="row">
        <span>UTC: <span data-testid="train-utc">{view?.utc ?? '—'}</span>{view?.utc && <span className="muted" data-testid="train-utc-source"> ({UTC_SOURCE[view.utcSource]})</span>}</span>
        <input type="text" placeholder="filter: source-glob [key-glob]" value={filter} onChange={(e) => setFilter(e.target.value)} />
      </div>
      <table className="data" data-testid="train-table">
        <thead><tr><th>Source</th><th>Key</th><th>Value</th><th title="RUN section: the value when the run started">At start</th><th>dtype</th><th>shape</th><th>Timestamp (UTC)</th></tr></thead>
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.source}/${r.key}`} className={r.missing ? 'missing' : ''} data-source={r.source} data-key={r.key ?? ''}>
              <td className="mono">{r.source}</td>
              <td className="mono">{r.key ?? 'no data in this train'}</td>
              <td className="mono" data-testid="train-value">{r.value}</td>
              <td className="mono muted">{r.runValue ?? ''}</td>
              <td>{r.dtype}</td>
              <td>{r.shape.length ? `(${r.shape.join(', ')})` : ''}</td>
              <td className="mono muted nowrap">{r.timestamp?.replace('T', ' ').replace('Z', '') ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
