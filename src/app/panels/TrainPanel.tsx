// The current train: every selected source's values (trainFromId), trains without data marked.
import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { api } from '../../worker/client';
import type { TrainRow, TrainView } from '../../worker/api';
import { reportError, useViewer } from '../store/viewerStore';
import { sourceKeyFilter } from '../../worker/glob';
import { newestOnly, type NewestOnly } from '../actions/newestOnly';
import { nextRowsShown, rowsToShow } from '../actions/rowsShown';
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
  const view = useTrainView(runId, trainId);
  const rows = useMemo(() => {
    const match = sourceKeyFilter(filter);
    return (view?.rows ?? []).filter((r) => match(r.source, r.key ?? undefined));
  }, [view, filter]);

  if (runId === undefined) return <p className="muted">Open a run to browse its trains.</p>;
  return (
    <div>
      <TrainControls />
      <div className="row">
        <span>UTC: <span data-testid="train-utc">{view?.utc ?? '—'}</span>{view?.utc && <span className="muted" data-testid="train-utc-source"> ({UTC_SOURCE[view.utcSource]})</span>}</span>
        <input type="text" placeholder="filter: source-glob [key-glob]" value={filter} onChange={(e) => setFilter(e.target.value)} />
      </div>
      <TrainTable rows={rows} trainId={view?.trainId ?? null} />
    </div>
  );
}

/**
 * The values of the train whose view arrived. Memoised: while trains are scrubbed faster than
 * the worker answers, the store's train changes but these rows do not (100+ rows in the demo
 * run, re-rendered for nothing on every key press).
 */
const TrainTable = memo(function TrainTable({ rows, trainId }: { rows: TrainRow[]; trainId: number | null }) {
  const n = useRowsShown(rows.length);
  return (
    // data-train-id: the train whose rows are all shown
    <table className="data" data-testid="train-table" data-train-id={n === rows.length ? trainId ?? '' : ''}>
      <thead><tr><th>Source</th><th>Key</th><th>Value</th><th title="RUN section: the value when the run started">At start</th><th>dtype</th><th>shape</th><th>Timestamp (UTC)</th></tr></thead>
      <tbody>
        {rows.slice(0, n).map((r) => (
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
  );
});

/** Rows to render: as many as were shown at once, then ROW_CHUNK more per frame (rowsShown). */
function useRowsShown(count: number): number {
  const [shown, setShown] = useState(0);
  const n = rowsToShow(shown, count);
  useEffect(() => {
    if (n !== shown) setShown(n);
    if (n >= count) return;
    const frame = requestAnimationFrame(() => setShown(nextRowsShown(n, count)));
    return () => cancelAnimationFrame(frame);
  }, [n, count]);
  return n;
}

/** The view of the current train, following it with one worker request at a time (newestOnly). */
function useTrainView(runId: number | undefined, trainId: number | null): TrainView | null {
  const [view, setView] = useState<TrainView | null>(null);
  const follow = useRef<NewestOnly<number> | null>(null);
  useEffect(() => {
    if (runId === undefined) return;
    const f = newestOnly((t: number) => api().train(runId, t), setView, reportError);
    follow.current = f;
    return () => {
      f.stop();
      follow.current = null;
    };
  }, [runId]);
  useEffect(() => {
    if (trainId !== null) follow.current?.want(trainId);
  }, [runId, trainId]);
  return view;
}
