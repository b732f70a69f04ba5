// The state that makes a view (run, source, key, train, pulse, tab, detector ROI) mirrored to the URL hash,
// so a view can be reloaded and shared. Files cannot travel in a URL: the run is named, and
// the view applies once a run of that name is open (the demo run reopens by itself).
import { setState, TABS, useViewer, type Tab, type ViewerState } from './viewerStore';
import type { Rect } from '../../worker/api';

export interface HashView {
  run?: string;
  source?: string;
  key?: string;
  train?: number;
  pulse?: number;
  view?: Tab;
  roi?: Rect;
}

export function parseHash(hash: string): HashView {
  const p = new URLSearchParams(hash.replace(/^#/, ''));
  const num = (k: string) => (p.has(k) && Number.isFinite(Number(p.get(k))) ? Number(p.get(k)) : undefined);
  const view = p.get('view') as Tab | null;
  return {
    run: p.get('run') ?? undefined,
    source: p.get('source') ?? undefined,
    key: p.get('key') ?? undefined,
    train: num('train'),
    pulse: num('pulse'),
    view: view && TABS.includes(view) ? view : undefined,
    roi: parseRoi(p.get('roi')),
  };
}

/** `roi=x0,x1,y0,y1`: four numbers, or no ROI. */
function parseRoi(text: string | null): Rect | undefined {
  const parts = text?.split(',') ?? [];
  const v = parts.map((t) => (t.trim() ? Number(t) : NaN));
  if (v.length !== 4 || !v.every(Number.isFinite)) return undefined;
  const [x0, x1, y0, y1] = v;
  return { x0, x1, y0, y1 };
}

export function formatHash(s: Pick<ViewerState, 'run' | 'source' | 'key' | 'trainId' | 'pulse' | 'tab' | 'roi'>): string {
  const p = new URLSearchParams();
  if (s.run) p.set('run', s.run.name);
  if (s.source) p.set('source', s.source);
  if (s.key) p.set('key', s.key);
  if (s.trainId !== null) p.set('train', String(s.trainId));
  if (s.pulse) p.set('pulse', String(s.pulse));
  if (s.tab !== 'overview') p.set('view', s.tab);
  if (s.roi) p.set('roi', [s.roi.x0, s.roi.x1, s.roi.y0, s.roi.y1].join(','));
  const text = p.toString();
  return text ? `#${text}` : '';
}

/** Applies a hash's view (read before the run opened) to the run, if it names that run. */
export function applyHashToRun(h: HashView, runName: string, trainIds: number[]): void {
  if (h.run !== runName) return;
  setState({
    source: h.source ?? null,
    key: h.key ?? null,
    trainId: h.train !== undefined && trainIds.includes(h.train) ? h.train : trainIds[0] ?? null,
    pulse: h.pulse ?? 0,
    tab: h.view ?? 'overview',
    seriesKeys: h.source && h.key ? [{ source: h.source, key: h.key }] : [],
    roi: h.roi ?? null,
  });
}

/**
 * The fewest milliseconds between two hash writes: a replaceState costs the page's main thread
 * a few ms (the browser process is told), paid on every train while scrubbing.
 */
export const HASH_WRITE_INTERVAL_MS = 250;

/**
 * Keeps the hash following the store (replaceState: scrubbing trains must not flood history).
 * A change after a quiet spell is written at once; changes coming faster are written at most
 * every HASH_WRITE_INTERVAL_MS, the last one always.
 */
export function mirrorStoreToHash(): () => void {
  let lastWrite = -Infinity;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const write = () => {
    timer = null;
    const s = useViewer.getState();
    if (!s.run) return;
    const next = formatHash(s);
    if (next === location.hash) return;
    history.replaceState(null, '', next || location.pathname);
    lastWrite = performance.now();
  };
  const unsubscribe = useViewer.subscribe((s) => {
    if (!s.run || timer !== null) return;
    const wait = lastWrite + HASH_WRITE_INTERVAL_MS - performance.now();
    if (wait <= 0) write();
    else timer = setTimeout(write, wait);
  });
  return () => {
    unsubscribe();
    if (timer !== null) clearTimeout(timer);
  };
}
