// Assembled detector images, one pulse at a time, following the current train.
import { useEffect, useMemo, useRef, useState } from 'react';
import { transfer } from 'comlink';
import { api } from '../../worker/client';
import type { FrameRequest, FrameResult, ModulesResult, TileInfo } from '../../worker/api';
import { percentile } from '../../worker/imageStats';
import { chooseDetector } from '../actions/detector';
import { goToTrain, reportError, setState, useViewer } from '../store/viewerStore';
import { RoiImageView } from './RoiImageView';
import { ExactDetectorView } from '../vis/ExactDetectorView';
import { Histogram } from '../vis/Histogram';
import { COLORMAPS, colormapGradient } from '../vis/colormaps';
import { TrainControls } from './TrainControls';
import { GeometryToolbar } from './GeometryToolbar';
import { HoverReadout, useHoverReadout, type HoverInfo } from './HoverReadout';
import { downloadBlob } from '../actions/download';
import { useElementWidth } from '../vis/useElementWidth';
import { canvasPng } from '../vis/renderer';
import { RoiPanel } from './RoiPanel';
import { DarkPanel } from './DarkPanel';
import { TrainMeanControls, useTrainMean } from './TrainMean';
import { newestOnly, type NewestOnly } from '../actions/newestOnly';

/** Room for the image under the train controls in a 900 px high window. */
const VIEW_HEIGHT = 760;

export function DetectorPanel() {
  const run = useViewer((s) => s.run);
  const detector = useViewer((s) => s.detector);
  const geometry = useViewer((s) => s.geometry);
  const trainId = useViewer((s) => s.trainId);
  const pulse = useViewer((s) => s.pulse);
  const colormap = useViewer((s) => s.colormap);
  const colorScale = useViewer((s) => s.colorScale);
  const percentiles = useViewer((s) => s.percentiles);
  const [pulseBy, setPulseBy] = useState<FrameRequest['pulseBy']>('index');
  const [plane, setPlane] = useState<'data' | 'gain'>('data');
  const [applyMask, setApplyMask] = useState(false);
  const [layout, setLayout] = useState<'fast' | 'exact'>('fast');
  const [exactHover, setExactHover] = useState<HoverInfo | null>(null);
  const exact = useExactLayout(layout === 'exact', run?.runId, geometry?.geometryId);
  const [frame, setFrame] = useState<(FrameResult & { key: string }) | null>(null);
  const spares = useSpareImages();
  const showFrame = (f: FrameResult & { key: string }) => {
    setFrame((shown) => {
      if (shown) spares.retire(shown.image);
      return f;
    });
  };

  const det = run?.detectors.find((d) => d.name === detector);
  const mean = useTrainMean(run?.runId, det?.name, geometry, plane, applyMask);
  /** The mean over trains, while it is shown instead of single frames. */
  const rangeMean = mean.image;
  const [column, columnWidth] = useElementWidth<HTMLDivElement>();
  const hover = useHoverReadout(geometry?.geometryId ?? null, rangeMean ?? frame);
  const frames = useNewestJob();
  useEffect(() => {
    if (!run || !det || !geometry || trainId === null) return;
    let live = true;
    const key = frameKeyOf(geometry.geometryId, trainId, pulse, pulseBy, plane, applyMask);
    const req = { detector: det.name, geometryId: geometry.geometryId, trainId, pulse, pulseBy, plane, applyMask };
    frames.want(() => {
      if (!live) return Promise.resolve(); // the view moved on before this could start
      const ask = layout === 'exact'
        ? api().detector.modules(run.runId, req).then((m) => exact.setModules({ ...m, key }))
        : api().detector.frame(run.runId, req, spares.give()).then((f) => (live ? showFrame({ ...f, key }) : spares.retire(f.image)));
      return ask.catch((e) => live && reportError(e));
    });
    return () => { live = false; };
  }, [run, det, geometry, trainId, pulse, pulseBy, plane, applyMask, layout]);

  const domain = useMemo((): [number, number] => {
    const stats = layout === 'exact' ? exact.modules?.stats : (rangeMean ?? frame)?.stats;
    if (!stats) return [0, 1];
    let lo = percentile(stats, percentiles[0]);
    const hi = percentile(stats, percentiles[1]);
    if (colorScale === 'log' && lo <= 0) lo = Math.max(hi * 1e-4, 1e-6);
    return [lo, hi > lo ? hi : lo + 1];
  }, [frame, rangeMean, exact.modules, layout, percentiles, colorScale]);

  if (!run) return <p className="muted">Open a run with AGIPD, LPD or DSSC data.</p>;
  if (!run.detectors.length) return <p className="muted">This run has no AGIPD, LPD or DSSC modules.</p>;
  const shown = rangeMean ?? frame;
  const shownStats = layout === 'exact' ? exact.modules?.stats : shown?.stats;
  const frameKey = frame?.key ?? '';
  const wantedKey = geometry && trainId !== null ? frameKeyOf(geometry.geometryId, trainId, pulse, pulseBy, plane, applyMask) : '-';
  const [h, w] = shown?.shape ?? [0, 0];
  const zoom = h ? Math.min(VIEW_HEIGHT / h, (columnWidth || 600) / w) : 1;
  const nPulses = frame?.framesPerTrain ?? null;

  return (
    <div>
      <TrainControls />
      {det && trainId !== null && !det.trainIds.includes(trainId) && <NoFramesHere trainId={trainId} trainIds={det.trainIds} />}
      <div className="detector-layout">
        <div className="detector-image" ref={column}>
          {layout === 'exact' ? (
            <>
              <HoverReadout hover={exactHover} />
              <ExactDetectorView onHover={setExactHover} modules={exact.modules?.modules ?? null} moduleShape={exact.modules?.moduleShape ?? [0, 0]}
                tiles={exact.tiles} domain={domain} log={colorScale === 'log'} colormap={colormap}
                valuesKey={exact.modules?.key ?? ''} wantedKey={wantedKey} maxWidth={columnWidth || 600} maxHeight={VIEW_HEIGHT} />
            </>
          ) : (
            <>
              <HoverReadout hover={hover.info} />
              <RoiImageView
                values={shown?.image ?? null}
                width={w}
                height={h}
                domain={domain}
                log={colorScale === 'log'}
                colormap={colormap}
                valuesKey={mean.info ? rangeMean?.key ?? '' : frameKey}
                wantedKey={mean.info ? mean.wantedKey : wantedKey}
                displayWidth={w * zoom}
                displayHeight={h * zoom}
                testId="detector-image"
                onHover={hover.onHover}
                onLeave={hover.onLeave}
              />
            </>
          )}
        </div>
        <div className="detector-controls">
          <label>Detector
            <select value={detector ?? ''} onChange={(e) => void chooseDetector(e.target.value)}>
              {run.detectors.map((d) => <option key={d.name} value={d.name}>{d.name} ({d.type}, {d.modules.length} modules)</option>)}
            </select>
          </label>
          <label>Pulse
            <span className="row">
              <select value={pulseBy} disabled={mean.info !== null} onChange={(e) => setPulseBy(e.target.value as FrameRequest['pulseBy'])}>
                <option value="index">by index</option>
                <option value="pulseId">by pulse ID</option>
                <option value="cellId">by cell ID</option>
                <option value="mean">mean over the train</option>
              </select>
              <input type="number" min={0} value={pulse} style={{ width: 70 }} data-testid="pulse-index" disabled={pulseBy === 'mean' || mean.info !== null}
                onChange={(e) => setState({ pulse: Math.max(0, Number(e.target.value) || 0) })} />
            </span>
          </label>
          {nPulses !== null && pulseBy === 'index' && (
            <input type="range" min={0} max={Math.max(0, nPulses - 1)} value={pulse} aria-label="Pulse index" disabled={mean.info !== null}
              onChange={(e) => setState({ pulse: Number(e.target.value) })} />
          )}
          {frame && <span className="muted">{nPulses} frames per train; pulse IDs {abbreviate(frame.pulseIds)}</span>}
          {det?.type === 'AGIPD' && (
            <label>Plane
              <select value={plane} onChange={(e) => setPlane(e.target.value as 'data' | 'gain')}>
                <option value="data">data</option>
                <option value="gain">gain (raw data)</option>
              </select>
            </label>
          )}
          {det?.hasMask && (
            <label className="inline">
              <input type="checkbox" checked={applyMask} data-testid="apply-mask" onChange={(e) => setApplyMask(e.target.checked)} />
              apply image.mask (calibrated data)
            </label>
          )}
          <GeometryToolbar />
          <label>Layout
            <select value={layout} data-testid="detector-layout" disabled={mean.info !== null} onChange={(e) => setLayout(e.target.value as 'fast' | 'exact')}>
              <option value="fast">fast (snapped to the pixel grid)</option>
              <option value="exact">exact (tiles at true positions)</option>
            </select>
          </label>
          <label>Colormap
            <select value={colormap} onChange={(e) => setState({ colormap: e.target.value })}>
              {Object.keys(COLORMAPS).map((c) => <option key={c}>{c}</option>)}
            </select>
          </label>
          <label>Scale
            <select value={colorScale} data-testid="color-scale" onChange={(e) => setState({ colorScale: e.target.value as 'linear' | 'log' })}>
              <option value="linear">linear</option>
              <option value="log">log</option>
            </select>
          </label>
          <label>Contrast (percentiles)
            <span className="row">
              <input type="number" step={0.5} min={0} max={100} value={percentiles[0]} style={{ width: 70 }}
                onChange={(e) => setState({ percentiles: [Number(e.target.value), percentiles[1]] })} />
              –
              <input type="number" step={0.5} min={0} max={100} value={percentiles[1]} style={{ width: 70 }}
                onChange={(e) => setState({ percentiles: [percentiles[0], Number(e.target.value)] })} />
            </span>
          </label>
          <div className="colorbar" style={{ background: colormapGradient(colormap) }} />
          <span className="mono">{domain[0].toPrecision(4)} … {domain[1].toPrecision(4)}</span>
          {shownStats && <Histogram stats={shownStats} domain={domain} log={colorScale === 'log'} />}
          {det && <TrainMeanControls key={det.name} trainIds={det.trainIds} mean={mean} />}
          <button disabled={!shown} onClick={() => void exportPng(`${detector}-train${trainId}-pulse${pulse}.png`)}>Export PNG</button>
        </div>
      </div>
      <DarkPanel />
      <RoiPanel />
    </div>
  );
}

/** Most trains of a run may have no detector frames (a scan, the demo run): say so, offer the next that has. */
function NoFramesHere({ trainId, trainIds }: { trainId: number; trainIds: number[] }) {
  const next = trainIds.find((t) => t > trainId) ?? trainIds[0];
  return (
    <div className="row notice">
      <span>No detector frames in train {trainId} ({trainIds.length} trains have them).</span>
      {next !== undefined && <button data-testid="next-detector-train" onClick={() => goToTrain(next)}>Go to train {next}</button>}
    </div>
  );
}

/** "4, 12, 20, …, 2796": long pulse lists shortened. */
function abbreviate(ids: number[]): string {
  return ids.length <= 6 ? ids.join(', ') : `${ids.slice(0, 3).join(', ')}, …, ${ids.at(-1)}`;
}

/**
 * Frame requests one at a time, the next for the newest view wanted (newestOnly): scrubbing
 * trains here queued an assembly per train in the worker, and the image trailed far behind.
 */
function useNewestJob(): { want(job: () => Promise<unknown>): void } {
  const jobs = useRef<NewestOnly<() => Promise<unknown>> | null>(null);
  // Made in an effect (not a memo) so that an unmount, real or StrictMode's, stops it for good.
  useEffect(() => {
    const j = newestOnly((job: () => Promise<unknown>) => job(), () => {}, () => {});
    jobs.current = j;
    return () => {
      j.stop();
      jobs.current = null;
    };
  }, []);
  return useMemo(() => ({ want: (job: () => Promise<unknown>) => jobs.current?.want(job) }), []);
}

/**
 * Images no longer shown, sent back to the worker to assemble the next ones into (a new
 * 5 MB array per pulse is slow there). An image is given back one frame after it was
 * replaced, once the view has uploaded its successor.
 */
function useSpareImages() {
  const state = useRef<{ retired: Float32Array | null; spare: Float32Array[] }>({ retired: null, spare: [] });
  return useMemo(() => ({
    retire(image: Float32Array) {
      const s = state.current;
      if (s.retired === image) return;
      if (s.retired) s.spare.push(s.retired);
      s.retired = image;
    },
    give(): Float32Array[] {
      const out = state.current.spare.filter((a) => a.byteLength > 0);
      state.current.spare = [];
      return transfer(out, out.map((a) => a.buffer as ArrayBuffer));
    },
  }), []);
}

/** Module data and tile positions for the exact-geometry view, fetched only while it is shown. */
function useExactLayout(on: boolean, runId: number | undefined, geometryId: number | undefined) {
  const [modules, setModules] = useState<(ModulesResult & { key: string }) | null>(null);
  const [tiles, setTiles] = useState<TileInfo[]>([]);
  useEffect(() => {
    if (!on || geometryId === undefined) return;
    let live = true;
    api().geometry.tiles(geometryId).then((t) => live && setTiles(t)).catch(reportError);
    return () => { live = false; };
  }, [on, geometryId]);
  useEffect(() => setModules(null), [runId]);
  return { modules, setModules, tiles };
}

function frameKeyOf(geometryId: number, trainId: number, pulse: number, pulseBy: string, plane: string, mask: boolean): string {
  return `${geometryId}/${trainId}/${pulseBy === 'mean' ? 'mean' : `${pulseBy}${pulse}`}/${plane}/${mask}`;
}

async function exportPng(name: string): Promise<void> {
  const canvas = document.querySelector<HTMLCanvasElement>('[data-testid=detector-image]');
  const blob = canvas ? await canvasPng(canvas) : null;
  if (blob) downloadBlob(blob, name);
}
