// The app's state: what is open and what is looked at. Panels render it; actions change it.
import { create } from 'zustand';
import type { GeometryInfo, Rect, Reduction, RunSummary, SourceRow } from '../../worker/api';

export type Tab = 'overview' | 'train' | 'series' | 'detector' | 'geometry' | 'analysis' | 'validation' | 'save';
export const TABS: Tab[] = ['overview', 'train', 'series', 'detector', 'geometry', 'analysis', 'validation', 'save'];

export interface SourceKey {
  source: string;
  key: string;
}

export type SeriesMode = 'lines' | 'scatter' | 'histogram';
export type ColorScale = 'linear' | 'log';

/** One piece of long work in the status bar (actions/tasks.ts starts, updates and ends it). */
export interface TaskRow {
  id: number;
  label: string;
  done?: number;
  total?: number;
  /** Cancel was pressed; the work has yet to confirm it stopped. */
  cancelling?: boolean;
  /** Stops this work only. */
  cancel(): void;
}

export interface ViewerState {
  run: RunSummary | null;
  sources: SourceRow[];
  source: string | null;
  key: string | null;
  trainId: number | null;
  pulse: number;
  tab: Tab;
  /** Keys overlaid in the Series panel. */
  seriesKeys: SourceKey[];
  seriesMode: SeriesMode;
  detector: string | null;
  geometry: GeometryInfo | null;
  /** A second geometry to compare the current one with. */
  compareGeometry: GeometryInfo | null;
  colormap: string;
  colorScale: ColorScale;
  /** Contrast limits as percentiles of the finite pixel values. */
  percentiles: [number, number];
  /** The detector ROI: pixels of the assembled image as stored (before the display's 180° turn). */
  roi: Rect | null;
  /** The mean per pulse over trains shown in the Detector panel: its train range, pulse step and shown pulse (null: all). */
  trainMean: { first: number; last: number; step: number; pulse: number | null } | null;
  /** The waveform view last plotted in the Analysis tab: channels as (source, key), reduction, train ID range. */
  waveform: { channels: Array<[string, string]>; how: Reduction; first?: number; last?: number } | null;
  /** What the ROI series gives per pulse and train: the region's mean or sum. */
  roiHow: Reduction;
  /** The assembled detector image's size in pixels (fast layout): what the ROI is a part of. */
  detectorImageSize: { width: number; height: number } | null;
  /** Long work running now, oldest first: each has its own progress and Cancel. */
  tasks: TaskRow[];
  errors: string[];
}

export const initialState: ViewerState = {
  run: null,
  sources: [],
  source: null,
  key: null,
  trainId: null,
  pulse: 0,
  tab: 'overview',
  seriesKeys: [],
  seriesMode: 'lines',
  detector: null,
  geometry: null,
  compareGeometry: null,
  colormap: 'viridis',
  colorScale: 'linear',
  percentiles: [1, 99.5],
  roi: null,
  roiHow: 'mean',
  trainMean: null,
  waveform: null,
  detectorImageSize: null,
  tasks: [],
  errors: [],
};

export const useViewer = create<ViewerState>(() => initialState);

export const setState = useViewer.setState;
export const getState = useViewer.getState;

/**
 * The state for a newly opened run (or none): the view is reset, while the colormap (a
 * preference) and the status bar's running tasks (each ends itself) stay.
 */
export function freshView(change: Partial<ViewerState>): void {
  setState((s) => ({ ...initialState, colormap: s.colormap, tasks: s.tasks, ...change }));
}

export function reportError(e: unknown): void {
  const msg = e instanceof Error ? e.message : String(e);
  console.error(e);
  setState((s) => ({ errors: [...s.errors, msg] }));
}

/** Moves to a train by ID, snapping to the nearest train of the run. */
export function goToTrain(trainId: number): void {
  const ids = getState().run?.trainIds ?? [];
  if (!ids.length) return;
  let best = ids[0];
  for (const id of ids) if (Math.abs(id - trainId) < Math.abs(best - trainId)) best = id;
  setState({ trainId: best });
}

export function stepTrain(delta: number): void {
  const { run, trainId } = getState();
  const ids = run?.trainIds ?? [];
  if (!ids.length) return;
  const i = Math.max(0, ids.indexOf(trainId ?? ids[0]));
  setState({ trainId: ids[Math.min(ids.length - 1, Math.max(0, i + delta))] });
}
