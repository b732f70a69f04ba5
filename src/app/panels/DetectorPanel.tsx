// Assembled detector images, one pulse at a time, following the current train.
import { useEffect, useMemo, useState } from 'react';
import { api } from '../../worker/client';
import type { FrameResult } from '../../worker/api';
import { percentile } from '../../worker/imageStats';
import { chooseDetector } from '../actions/detector';
import { reportError, setState, useViewer } from '../store/viewerStore';
import { ImageView } from '../vis/ImageView';
import { Histogram } from '../vis/Histogram';
import { COLORMAPS, colormapGradient } from '../vis/colormaps';
import { TrainControls } from './TrainControls';
import { GeometryToolbar } from './GeometryToolbar';
import { HoverReadout, useHoverReadout } from './HoverReadout';
import { downloadBlob } from '../actions/download';

const VIEW_HEIGHT = 640;

export function DetectorPanel() {
  const run = useViewer((s) => s.run);
  const detector = useViewer((s) => s.detector);
  const geometry = useViewer((s) => s.geometry);
  const trainId = useViewer((s) => s.trainId);
  const pulse = useViewer((s) => s.pulse);
  const colormap = useViewer((s) => s.colormap);
  const colorScale = useViewer((s) => s.colorScale);
  const percentiles = useViewer((s) => s.percentiles);
  const [pulseBy, setPulseBy] = useState<'index' | 'pulseId'>('index');
  const [plane, setPlane] = useState<'data' | 'gain'>('data');
  const [frame, setFrame] = useState<FrameResult | null>(null);
  const hover = useHoverReadout(geometry?.geometryId ?? null, frame);

  const det = run?.detectors.find((d) => d.name === detector);
  useEffect(() => {
    if (!run || !det || !geometry || trainId === null) return;
    let live = true;
    api().detectorFrame(run.runId, { detector: det.name, geometryId: geometry.geometryId, trainId, pulse, pulseBy, plane })
      .then((f) => live && setFrame(f))
      .catch((e) => live && reportError(e));
    return () => { live = false; };
  }, [run, det, geometry, trainId, pulse, pulseBy, plane]);

  const domain = useMemo((): [number, number] => {
    if (!frame) return [0, 1];
    let lo = percentile(frame.stats.sorted, percentiles[0]);
    const hi = percentile(frame.stats.sorted, percentiles[1]);
    if (colorScale === 'log' && lo <= 0) lo = Math.max(hi * 1e-4, 1e-6);
    return [lo, hi > lo ? hi : lo + 1];
  }, [frame, percentiles, colorScale]);

  if (!run) return <p className="muted">Open a run with AGIPD, LPD or DSSC data.</p>;
  if (!run.detectors.length) return <p className="muted">This run has no AGIPD, LPD or DSSC modules.</p>;
  const [h, w] = frame?.shape ?? [0, 0];
  const zoom = h ? Math.min(VIEW_HEIGHT / h, 900 / w) : 1;
  const nPulses = frame?.framesPerTrain ?? null;

  return (
    <div>
      <TrainControls />
      <div className="row">
        <label>Detector{' '}
          <select value={detector ?? ''} onChange={(e) => void chooseDetector(e.target.value)}>
            {run.detectors.map((d) => <option key={d.name} value={d.name}>{d.name} ({d.type}, {d.modules.length} modules)</option>)}
          </select>
        </label>
        <label>Pulse{' '}
          <select value={pulseBy} onChange={(e) => setPulseBy(e.target.value as 'index' | 'pulseId')}>
            <option value="index">index</option>
            <option value="pulseId">pulse ID</option>
          </select>{' '}
          <input type="number" min={0} value={pulse} style={{ width: 70 }} data-testid="pulse-index"
            onChange={(e) => setState({ pulse: Math.max(0, Number(e.target.value) || 0) })} />
        </label>
        {nPulses !== null && pulseBy === 'index' && (
          <input type="range" min={0} max={Math.max(0, nPulses - 1)} value={pulse} aria-label="Pulse index"
            onChange={(e) => setState({ pulse: Number(e.target.value) })} />
        )}
        {nPulses !== null && <span className="muted">{nPulses} frames per train</span>}
        {det?.type === 'AGIPD' && (
          <label>Plane{' '}
            <select value={plane} onChange={(e) => setPlane(e.target.value as 'data' | 'gain')}>
              <option value="data">data</option>
              <option value="gain">gain (raw)</option>
            </select>
          </label>
        )}
      </div>
      <GeometryToolbar />
      <div className="row">
        <label>Colormap{' '}
          <select value={colormap} onChange={(e) => setState({ colormap: e.target.value })}>
            {Object.keys(COLORMAPS).map((c) => <option key={c}>{c}</option>)}
          </select>
        </label>
        <label>Scale{' '}
          <select value={colorScale} data-testid="color-scale" onChange={(e) => setState({ colorScale: e.target.value as 'linear' | 'log' })}>
            <option value="linear">linear</option>
            <option value="log">log</option>
          </select>
        </label>
        <label>Contrast percentiles{' '}
          <input type="number" step={0.5} min={0} max={100} value={percentiles[0]} style={{ width: 60 }}
            onChange={(e) => setState({ percentiles: [Number(e.target.value), percentiles[1]] })} />
          {' – '}
          <input type="number" step={0.5} min={0} max={100} value={percentiles[1]} style={{ width: 60 }}
            onChange={(e) => setState({ percentiles: [percentiles[0], Number(e.target.value)] })} />
        </label>
        <button disabled={!frame} onClick={() => void exportPng(`${detector}-train${trainId}-pulse${pulse}.png`)}>Export PNG</button>
      </div>
      <div className="row">
        <div className="colorbar" style={{ background: colormapGradient(colormap) }} />
        <span className="mono">{domain[0].toPrecision(4)} … {domain[1].toPrecision(4)}</span>
        {frame && <Histogram stats={frame.stats} domain={domain} log={colorScale === 'log'} />}
      </div>
      <HoverReadout hover={hover.info} />
      <ImageView
        values={frame?.image ?? null}
        width={w}
        height={h}
        domain={domain}
        log={colorScale === 'log'}
        colormap={colormap}
        readyKey={frame ? `${frame.trainId}/${frame.pulse}` : ''}
        displayWidth={w * zoom}
        displayHeight={h * zoom}
        testId="detector-image"
        onHover={hover.onHover}
        onLeave={hover.onLeave}
      />
    </div>
  );
}

async function exportPng(name: string): Promise<void> {
  const canvas = document.querySelector<HTMLCanvasElement>('[data-testid=detector-image]');
  const blob = await new Promise<Blob | null>((res) => canvas?.toBlob(res, 'image/png'));
  if (blob) downloadBlob(blob, name);
}
