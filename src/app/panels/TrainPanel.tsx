// The current train: every selected source's keys that have data in it (from INDEX), and the
// values of the rows in view, read as they come into view; sources without data in the train
// are marked. A run's thousands of keys stay quick: only the rows in view are in the page,
// and only their values are read (a preview of each: the first values of an array).
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { api } from '../../worker/client';
import type { TrainOutline, TrainRow, TrainRowName } from '../../worker/api';
import { reportError, useViewer } from '../store/viewerStore';
import { sourceKeyFilter } from '../../worker/glob';
import { newestOnly, type NewestOnly } from '../actions/newestOnly';
import { TrainControls } from './TrainControls';

const UTC_SOURCE: Record<TrainOutline['utcSource'], string> = {
  index: 'INDEX/timestamp',
  control: 'newest control timestamp: these files have no INDEX/timestamp',
  none: '',
};

/** Rows kept in the page beyond those in view, above and below: a short scroll shows values at once. */
const OVERSCAN = 15;
const ROW_HEIGHT = 24;

export function TrainPanel() {
  const runId = useViewer((s) => s.run?.runId);
  const trainId = useViewer((s) => s.trainId);
  const [filter, setFilter] = useState('');
  const outline = useTrainOutline(runId, trainId);
  const rows = useMemo(() => {
    const match = sourceKeyFilter(filter);
    return (outline?.rows ?? []).filter((r) => match(r.source, r.key ?? undefined));
  }, [outline, filter]);

  if (runId === undefined) return <p className="muted">Open a run to browse its trains.</p>;
  return (
    <div className="train-panel">
      <TrainControls />
      <div className="row">
        <span>UTC: <span data-testid="train-utc">{outline?.utc ?? '—'}</span>{outline?.utc && <span className="muted" data-testid="train-utc-source"> ({UTC_SOURCE[outline.utcSource]})</span>}</span>
        <input type="text" placeholder="filter: source-glob [key-glob]" value={filter} data-testid="train-filter" onChange={(e) => setFilter(e.target.value)} />
        <span className="muted" data-testid="train-row-count">{rows.length === 1 ? '1 row' : `${rows.length} rows`}</span>
      </div>
      {outline && <TrainTable runId={outline.runId} trainId={outline.trainId} rows={rows} />}
    </div>
  );
}

/**
 * The rows in view (virtualised) with their values. Memoised: while trains are scrubbed faster
 * than the worker answers, the store's train changes but the outline shown does not.
 */
const TrainTable = memo(function TrainTable({ runId, trainId, rows }: { runId: number; trainId: number; rows: TrainRowName[] }) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: OVERSCAN });
  const items = virtualizer.getVirtualItems();
  const inView = useMemo(() => items.map((it) => rows[it.index]).filter(Boolean), [items, rows]);
  const values = useRowValues(runId, trainId, inView);
  const current = values.trainId === trainId;
  const complete = inView.every((r) => r.key === null || (current && values.rows.has(rowId(r))));
  const above = items[0]?.start ?? 0;
  const below = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0);
  return (
    <div ref={scroller} className="train-scroll">
      {/* data-train-id: the train whose rows in view all show their values */}
      <table className="data" data-testid="train-table" data-train-id={complete ? trainId : ''}>
        <thead><tr><th>Source</th><th>Key</th><th>Value</th><th title="RUN section: the value when the run started">At start</th><th>dtype</th><th>shape</th><th>Timestamp (UTC)</th></tr></thead>
        <tbody>
          {above > 0 && <tr aria-hidden="true" style={{ height: above }} />}
          {items.map((it) => {
            const name = rows[it.index];
            if (!name) return null;
            const row = values.rows.get(rowId(name));
            return <TrainTableRow key={rowId(name)} name={name} row={row} stale={!current} />;
          })}
          {below > 0 && <tr aria-hidden="true" style={{ height: below }} />}
        </tbody>
      </table>
    </div>
  );
});

/** One row: its value once read (greyed while it is the previous train's). */
function TrainTableRow({ name, row, stale }: { name: TrainRowName; row: TrainRow | undefined; stale: boolean }) {
  const className = name.missing ? 'missing' : stale || !row ? 'pending' : '';
  return (
    <tr className={className} data-source={name.source} data-key={name.key ?? ''} style={{ height: ROW_HEIGHT }}>
      <td className="mono nowrap" title={name.source}>{name.source}</td>
      <td className="mono nowrap" title={name.key ?? undefined}>{name.key ?? 'no data in this train'}</td>
      <td className="mono nowrap" data-testid="train-value">{name.missing ? '' : row?.value ?? '…'}</td>
      <td className="mono muted nowrap">{row?.runValue ?? ''}</td>
      <td>{row?.dtype}</td>
      <td className="nowrap">{row?.shape.length ? `(${row.shape.join(', ')})` : ''}</td>
      <td className="mono muted nowrap">{row?.timestamp?.replace('T', ' ').replace('Z', '') ?? ''}</td>
    </tr>
  );
}

const rowId = (r: TrainRowName) => `${r.source}\u0000${r.key ?? ''}`;

/**
 * The outline of the current train, with the run it is of (its rows are asked of that run
 * only), following the train with one worker request at a time.
 */
function useTrainOutline(runId: number | undefined, trainId: number | null): (TrainOutline & { runId: number }) | null {
  const [outline, setOutline] = useState<(TrainOutline & { runId: number }) | null>(null);
  const want = useFollower(runId, (r, t: number) => api().trainOutline(r, t), (o, _, r) => setOutline({ ...o, runId: r }));
  useEffect(() => {
    if (trainId !== null) want(trainId);
  }, [runId, trainId]);
  return outline;
}

/** Asks the worker for what is wanted of a run, one request at a time and for the newest value only (newestOnly); made anew for each run. */
function useFollower<T, R>(runId: number | undefined, ask: (runId: number, value: T) => Promise<R>, onResult: (result: R, value: T, runId: number) => void): (value: T) => void {
  const follow = useRef<NewestOnly<T> | null>(null);
  useEffect(() => {
    if (runId === undefined) return;
    const f = newestOnly((v: T) => ask(runId, v), (r, v) => onResult(r, v, runId), reportError);
    follow.current = f;
    return () => {
      f.stop();
      follow.current = null;
    };
  }, [runId]);
  return useCallback((value: T) => follow.current?.want(value), []);
}

interface RowValues {
  trainId: number | null;
  rows: Map<string, TrainRow>;
}

/**
 * Values of the rows in view, asked for (one request at a time, for the newest rows wanted)
 * when a row without its value comes into view; kept while the train stays, the previous
 * train's shown greyed until the new ones come.
 */
function useRowValues(runId: number, trainId: number, inView: TrainRowName[]): RowValues {
  const [values, setValues] = useState<RowValues>({ trainId: null, rows: new Map() });
  const asked = useRef('');
  const want = useFollower(
    runId,
    (r, { trainId: t, names }: { trainId: number; names: TrainRowName[] }) => api().trainRows(r, t, names),
    (got, { trainId: t }) => setValues((v) => {
      const rows = new Map(v.trainId === t ? v.rows : []);
      for (const r of got) rows.set(rowId(r), r);
      return { trainId: t, rows };
    }),
  );
  useEffect(() => {
    // Another run may have the same train IDs (synthetic runs do): nothing of the last one is kept
    setValues({ trainId: null, rows: new Map() });
    asked.current = '';
  }, [runId]);
  useEffect(() => {
    const names = inView.filter((r) => r.key !== null && !(values.trainId === trainId && values.rows.has(rowId(r))));
    // The same rows again (a re-render while they are being read): one request is enough
    const key = `${trainId}\n${names.map(rowId).join('\n')}`;
    if (!names.length || key === asked.current) return;
    asked.current = key;
    want({ trainId, names });
  }, [trainId, inView, values]);
  return values;
}
