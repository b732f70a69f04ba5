// "Copy as Python": the viewer's current selection and view as EXtra-data / EXtra-geom code
// to paste into Jupyter on the facility's cluster, where it computes the same thing.
import type { PySlice } from '../data/slices';
import type { TrainSelector } from '../data/trainSelectors';
import type { PulseSelector } from '../detectors/pulseSelection';
import type { QuadPositions } from '../geometry/tile';
import type { Rect } from './roi';
import type { Reduction } from './waveform';

export interface PythonView {
  /** The run folder as the cluster sees it, e.g. /gpfs/exfel/exp/SPB/201830/p900022/raw/r0034. */
  runPath: string;
  /** (source glob, key glob) pairs; none: the whole run. */
  selection?: ReadonlyArray<readonly [string, string]>;
  trains?: TrainSelector;
  detector?: {
    kind: 'AGIPD1M' | 'LPD1M' | 'DSSC1M';
    detectorName?: string;
    modules?: readonly number[];
    /** Default 'image.data'. */
    key?: string;
    pulses?: PulseSelector;
  };
  geometry?:
    | { from: 'quadPositions'; quadPositions: QuadPositions; /** LPD/DSSC module layout file */ h5File?: string }
    | { from: 'crystfel'; path: string };
  /** The frame on screen. */
  frame?: { trainId: number; pulseId: number };
  /** The mean of each pulse over the selected trains (docs 3.19), shown for one pulse (its position on the pulse axis) or all (null). */
  trainMean?: { pulse: number | null };
  /** A region on the assembled images, reduced per pulse and per train. */
  roi?: Rect & { how: Reduction };
  /** Waveform keys (digitizer channels) summed or averaged per sample over the selected trains (docs 3.15.2). */
  waveform?: { channels: ReadonlyArray<readonly [string, string]>; how: Reduction };
  /** Scalar series plotted or correlated, as (source, key). */
  series?: ReadonlyArray<readonly [string, string]>;
}

const GEOMETRY_CLASS = { AGIPD1M: 'AGIPD_1MGeometry', LPD1M: 'LPD_1MGeometry', DSSC1M: 'DSSC_1MGeometry' } as const;

export function copyAsPython(view: PythonView): string {
  const det = view.detector;
  const geomClass = det && view.geometry ? GEOMETRY_CLASS[det.kind] : null;
  const lines = [
    `from extra_data import RunDirectory, by_id, by_index`,
    ...(det ? [`from extra_data.components import ${det.kind}`] : []),
    ...(geomClass ? [`from extra_geom import ${geomClass}`] : []),
    ...(view.roi ? ['import numpy as np'] : []),
    ...((view.waveform?.channels.length ?? 0) > 1 ? ['import xarray as xr'] : []),
    '',
    `run = RunDirectory(${py(view.runPath)})`,
    `sel = run${view.selection?.length ? `.select([${view.selection.map(([s, k]) => `(${py(s)}, ${py(k)})`).join(', ')}])` : ''}`,
  ];
  if (view.trains) lines.push(`sel = sel.select_trains(${selector(view.trains)})`);
  for (const [source, key] of view.series ?? []) lines.push(`${pyName(key)} = sel.get_series(${py(source)}, ${py(key)})`);
  if (view.waveform) lines.push(...waveformLines(view.waveform));
  if (det) lines.push(...detectorLines(view, det, geomClass));
  return `${lines.join('\n')}\n`;
}

function detectorLines(view: PythonView, det: NonNullable<PythonView['detector']>, geomClass: string | null): string[] {
  const args = [
    'sel',
    ...(det.detectorName ? [`detector_name=${py(det.detectorName)}`] : []),
    ...(det.modules ? [`modules=[${det.modules.join(', ')}]`] : []),
  ];
  const lines = [
    `det = ${det.kind}(${args.join(', ')})`,
    `arr = det.get_array(${py(det.key ?? 'image.data')}${det.pulses ? `, pulses=${selector(det.pulses)}` : ''})  # (module, train, pulse, ...)`,
  ];
  if (!geomClass || !view.geometry) return lines;
  const g = view.geometry;
  const quads = g.from === 'quadPositions' ? `[${g.quadPositions.map(([x, y]) => `(${x}, ${y})`).join(', ')}]` : '';
  lines.push(
    '',
    g.from === 'crystfel'
      ? `geom = ${geomClass}.from_crystfel_geom(${py(g.path)})`
      : g.h5File
        ? `geom = ${geomClass}.from_h5_file_and_quad_positions(${py(g.h5File)}, ${quads})`
        : `geom = ${geomClass}.from_quad_positions(quad_pos=${quads})`,
  );
  if (view.frame) {
    lines.push(`image, centre = geom.position_modules(arr.sel(train=${view.frame.trainId}, pulse=${view.frame.pulseId}).values)`);
  }
  if (view.trainMean) {
    const pulse = view.trainMean.pulse;
    lines.push(
      '',
      `mean_per_pulse = arr.mean(dim='train')  # (module, pulse, ...)`,
      `image, centre = geom.position_modules(mean_per_pulse.${pulse === null ? "mean(dim='pulse')" : `isel(pulse=${pulse})`}.values)`,
    );
  }
  if (view.roi) {
    const { x0, x1, y0, y1, how } = view.roi;
    lines.push(
      '',
      '# Modules axis moved next to the pixels: images are (train, pulse, y, x)',
      `images, centre = geom.position_modules(np.moveaxis(arr.values.astype(np.float32), 0, -3))`,
      `roi_per_pulse = np.nan${how}(images[..., ${y0}:${y1}, ${x0}:${x1}], axis=(-2, -1))`,
      `roi_per_train = np.nan${how}(roi_per_pulse, axis=1)`,
    );
  }
  return lines;
}

function waveformLines({ channels, how }: NonNullable<PythonView['waveform']>): string[] {
  const names = channels.map(([, key], i) => `${pyName(key.replace(/^digitizers\./, '').replace(/\.raw\.samples$/, ''))}${channels.slice(0, i).some(([, k]) => k === key) ? `_${i}` : ''}`);
  return [
    ...channels.map(([source, key], i) => `${names[i]} = sel.get_array(${py(source)}, ${py(key)})  # (trainId, sample)`),
    ...(names.length > 1 ? [`${names.join(', ')} = xr.align(${names.join(', ')}, join='inner')  # the trains all channels have`] : []),
    ...names.map((n) => `${n}_${how} = ${n}.${how}(dim='trainId')`),
  ];
}

/** by_id[...] / by_index[...] for a train or pulse selection. */
function selector(sel: TrainSelector): string {
  const by = sel.by === 'id' ? 'by_id' : 'by_index';
  return 'list' in sel ? `${by}[[${sel.list.join(', ')}]]` : `${by}[${slice(sel.slice)}]`;
}

function slice([start, stop, step]: PySlice): string {
  const part = (v: number | null | undefined) => (v === null || v === undefined ? '' : String(v));
  return `${part(start)}:${part(stop)}${step === null || step === undefined ? '' : `:${step}`}`;
}

/** A Python string literal. */
function py(s: string): string {
  return `'${s.replaceAll('\\', '\\\\').replaceAll("'", "\\'").replaceAll('\n', '\\n')}'`;
}

/** A variable name from a key: 'beamPosition.ixPos' → beamPosition_ixPos. */
function pyName(key: string): string {
  const name = key.replace(/\.value$/, '').replace(/[^A-Za-z0-9_]/g, '_');
  return /^[0-9]/.test(name) ? `_${name}` : name;
}
