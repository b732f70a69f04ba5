// Beside the Detector panel: a rectangle of the assembled image (snapped-geometry pixels)
// reduced per pulse and per train on the worker pool (only the modules it touches are read), and its per-train
// value correlated with a chosen XGM or motor key. The rectangle is the store's `roi`, which
// a drag on the image also sets (RoiImageView).
import { useMemo, useState } from 'react';
import { api } from '../../worker/client';
import type { Rect, Reduction, RoiResult, SeriesResult } from '../../worker/api';
import { setState, useViewer } from '../store/viewerStore';
import { withProgress } from '../actions/withProgress';
import { PlotlyView } from '../vis/PlotlyView';
import { clampRect } from '../vis/roiRect';

export function RoiPanel() {
  const run = useViewer((s) => s.run);
  const detector = useViewer((s) => s.detector);
  const geometry = useViewer((s) => s.geometry);
  const sources = useViewer((s) => s.sources);
  const rect = useViewer((s) => s.roi);
  const size = useViewer((s) => s.detectorImageSize);
  const how = useViewer((s) => s.roiHow);
  const [corr, setCorr] = useState({ source: '', key: '' });
  const [result, setResult] = useState<{ roi: RoiResult; series: SeriesResult | null; rect: Rect; how: Reduction } | null>(null);
  const plots = useMemo(() => result && roiPlots(result.roi, result.series, result.how, result.rect), [result]);
  const det = run?.detectors.find((d) => d.name === detector);
  if (!run || !det || !geometry) return null;
  const scalarSources = sources.filter((r) => !r.detector);
  // Typing into an empty ROI starts from the whole image (the fields' placeholders).
  const base: Rect = rect ?? { x0: 0, x1: size?.width ?? 0, y0: 0, y1: size?.height ?? 0 };
  const onImage = rect && size ? clampRect(rect, size) : rect;
  const empty = !onImage || onImage.x1 <= onImage.x0 || onImage.y1 <= onImage.y0;

  const compute = async () => {
    if (!rect) return;
    const req = { detector: det.name, geometryId: geometry.geometryId, plane: 'data' as const };
    const got = await withProgress('ROI over trains', async (onProgress) => {
      const roi = await api().detector.roi(run.runId, req, rect, how, det.trainIds, onProgress);
      const series = corr.source && corr.key ? await api().series(run.runId, corr.source, corr.key) : null;
      return { roi, series };
    }, () => void api().detector.cancel());
    if (got) setResult({ ...got, rect, how });
  };
  const field = (name: keyof Rect) => (
    <input type="number" style={{ width: 70 }} value={rect?.[name] ?? ''} placeholder={String(base[name])} data-testid={`roi-${name}`} aria-label={`ROI ${name}`}
      onChange={(e) => setState({ roi: { ...base, [name]: Number(e.target.value) } })} />
  );
  const keys = scalarSources.find((r) => r.source === corr.source)?.keys.filter((k) => !k.endsWith('.timestamp')) ?? [];

  return (
    <section data-testid="roi-panel">
      <h3>Region of interest</h3>
      <p className="muted">
        Drag on the image (fast layout) to draw a rectangle, or type it in pixels of the assembled image{size ? ` (${size.width} × ${size.height})` : ''}:
        columns x0 ≤ x &lt; x1, rows y0 ≤ y &lt; y1, as stored before display. Reduced over the {det.trainIds.length} trains with frames.
      </p>
      <div className="row">x {field('x0')} – {field('x1')} y {field('y0')} – {field('y1')}
        <span className="muted" data-testid="roi-size">{empty ? 'no ROI' : `${onImage!.x1 - onImage!.x0} × ${onImage!.y1 - onImage!.y0} px`}</span>
        <button data-testid="roi-clear" disabled={!rect} onClick={() => { setState({ roi: null }); setResult(null); }}>Clear ROI</button>
        <select value={how} data-testid="roi-how" onChange={(e) => setState({ roiHow: e.target.value as Reduction })}>
          <option value="mean">mean</option>
          <option value="sum">sum</option>
        </select>
      </div>
      <div className="row">Correlate with
        <select value={corr.source} data-testid="roi-corr-source" onChange={(e) => setCorr({ source: e.target.value, key: '' })}>
          <option value="">—</option>
          {scalarSources.map((r) => <option key={r.source} value={r.source}>{r.source}</option>)}
        </select>
        <select value={corr.key} data-testid="roi-corr-key" onChange={(e) => setCorr({ ...corr, key: e.target.value })}>
          <option value="">—</option>
          {keys.map((k) => <option key={k} value={k}>{k}</option>)}
        </select>
        <button className="primary" data-testid="roi-compute" disabled={empty} onClick={() => void compute()}>Compute ROI</button>
      </div>
      {plots && (
        <>
          <PlotlyView data={plots.pulses.data} layout={plots.pulses.layout} testId="roi-pulse-plot" height={260} />
          <PlotlyView data={plots.trains.data} layout={plots.trains.layout} testId="roi-train-plot" height={260} />
          {plots.scatter && <PlotlyView data={plots.scatter.data} layout={plots.scatter.layout} testId="roi-scatter" height={300} />}
        </>
      )}
    </section>
  );
}

/** The plots name their rectangle: the ROI may have been drawn anew since. */
function roiPlots(roi: RoiResult, series: SeriesResult | null, how: Reduction, rect: Rect) {
  const where = `x ${rect.x0}–${rect.x1}, y ${rect.y0}–${rect.y1}`;
  const perPulse = Array.from(roi.perPulse);
  const text = perPulse.map((_, i) => `train ${roi.pulseTrainIds[i]}, pulse ${roi.pulseIndex[i]}`);
  const trains = Array.from(roi.trainIds);
  const valueOf = new Map<number, number>();
  if (series) series.trainIds.forEach((t, i) => valueOf.set(t, series.values[i]));
  const paired = trains.flatMap((t, i) => (valueOf.has(t) ? [{ x: valueOf.get(t)!, y: roi.perTrain[i], t }] : []));
  return {
    pulses: {
      data: [{ type: 'scatter', mode: 'lines+markers', y: perPulse, text, marker: { size: 4 } }],
      layout: { title: { text: `ROI ${how} per pulse (${where})` }, xaxis: { title: { text: 'frame (trains in order)' } }, yaxis: { title: { text: how } } },
    },
    trains: {
      data: [{ type: 'scatter', mode: 'lines+markers', x: trains, y: Array.from(roi.perTrain) }],
      layout: { title: { text: `ROI ${how} per train (${where})` }, xaxis: { title: { text: 'train ID' }, tickformat: 'd' }, yaxis: { title: { text: how } } },
    },
    scatter: series && {
      data: [{ type: 'scatter', mode: 'markers', x: paired.map((p) => p.x), y: paired.map((p) => p.y), text: paired.map((p) => `train ${p.t}`) }],
      layout: { title: { text: `ROI ${how} per train (${where}) against ${series.key}` }, xaxis: { title: { text: `${series.source} ${series.key}` } }, yaxis: { title: { text: `ROI ${how}` } } },
    },
  };
}
