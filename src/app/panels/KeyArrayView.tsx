// A key with a vector per train as a trains × values image (pulse-resolved XGM data);
// a 2-D value per train (a camera frame) as the current train's image.
import { useEffect, useMemo, useState } from 'react';
import { api } from '../../worker/client';
import type { ArrayResult, KeyInfo } from '../../worker/api';
import { percentile, imageStats } from '../../worker/imageStats';
import { reportError, useViewer } from '../store/viewerStore';
import { ImageView } from '../vis/ImageView';
import { PlotlyView, webglAvailable } from '../vis/PlotlyView';
import { TrainControls } from './TrainControls';

export function KeyArrayView({ info }: { info: KeyInfo }) {
  const runId = useViewer((s) => s.run?.runId);
  const trainId = useViewer((s) => s.trainId);
  const colormap = useViewer((s) => s.colormap);
  const perTrainImage = info.shape.length >= 2;
  const [arr, setArr] = useState<ArrayResult | null>(null);

  useEffect(() => {
    if (runId === undefined || (perTrainImage && trainId === null)) return;
    let live = true;
    (perTrainImage ? api().array(runId, info.source, info.key, [trainId!]) : api().arrayOverview(runId, info.source, info.key))
      .then((a) => live && setArr(a)).catch(reportError);
    return () => { live = false; };
  }, [runId, info, perTrainImage ? trainId : null]);

  const view = useMemo(() => {
    if (!arr) return null;
    const [h, width] = perTrainImage ? arr.shape.slice(-2) : [arr.shape[0], arr.shape.slice(1).reduce((a, b) => a * b, 1)];
    // Pulse-resolved keys fill a fixed number of slots (XGM: 1000) with as many pulses as
    // there were: trailing columns that are zero in every train are left out.
    const w = perTrainImage ? width : usedColumns(arr.data, h, width);
    const shown = new Float32Array(h * w);
    for (let r = 0; r < h; r++) shown.set(arr.data.subarray(r * width, r * width + w), r * w);
    // The image view turns data by 180° (detector front view); undo that for plain arrays.
    shown.reverse();
    const stats = imageStats(shown);
    return { values: shown, h, w, width, domain: [percentile(stats, 1), percentile(stats, 99)] as [number, number] };
  }, [arr, perTrainImage]);

  return (
    <div>
      <h3 className="mono">{info.source} {info.key} <span className="muted">({info.dtype}, per train ({info.shape.join(', ')}))</span></h3>
      <p className="muted">
        {perTrainImage ? `Train ${trainId}` : `${view?.h ?? '…'} trains (rows, first at top) × values 0–${(view?.w ?? 1) - 1}${view && view.w < view.width ? ` (the other ${view.width - view.w} are 0 in every train)` : ''}`}
        {arr && !perTrainImage && <OverviewNote arr={arr} />}
      </p>
      {perTrainImage && <TrainControls />}
      {!perTrainImage && arr && view && trainId !== null && (
        <CurrentTrainVector runId={runId!} info={info} overview={arr} columns={view.w} trainId={trainId} />
      )}
      {view && (
        <ImageView values={view.values} width={view.w} height={view.h} domain={view.domain} log={false}
          colormap={colormap} valuesKey="array" wantedKey="array"
          displayWidth={perTrainImage ? view.w * frameZoom(view) : 900}
          displayHeight={perTrainImage ? view.h * frameZoom(view) : 400}
          testId="array-image" />
      )}
    </div>
  );
}

/** A camera frame fitted into about 900 × 520 px, up to 3 screen px per pixel. */
function frameZoom({ w, h }: { w: number; h: number }): number {
  return Math.min(3, 900 / w, 520 / h);
}

/** Columns up to the last one with a non-zero value in any row. */
function usedColumns(data: Float32Array, rows: number, width: number): number {
  let used = 0;
  for (let r = 0; r < rows; r++) {
    for (let c = width - 1; c >= used; c--) {
      if (data[r * width + c] !== 0) {
        used = c + 1;
        break;
      }
    }
  }
  return Math.max(used, 1);
}

/** The current train's vector as a line (an XGM's pulse energies in this train). */
/** What an overview of a large key leaves out: trains between those shown, values averaged in bins. */
function OverviewNote({ arr }: { arr: ArrayResult }) {
  const { trainStride = 1, columnBin = 1 } = arr;
  if (trainStride === 1 && columnBin === 1) return null;
  return (
    <span data-testid="array-overview-note">
      {' '}— too large to draw whole:{trainStride > 1 ? ` every ${trainStride}th train` : ''}{trainStride > 1 && columnBin > 1 ? ',' : ''}
      {columnBin > 1 ? ` values averaged ${columnBin} at a time` : ''}. The plot above has the current train whole.
    </span>
  );
}

/** The current train's vector as a line; read whole on its own when the overview left it out or binned it. */
function CurrentTrainVector({ runId, info, overview, columns, trainId }: { runId: number; info: KeyInfo; overview: ArrayResult; columns: number; trainId: number }) {
  const reduced = (overview.trainStride ?? 1) > 1 || (overview.columnBin ?? 1) > 1;
  const [own, setOwn] = useState<ArrayResult | null>(null);
  useEffect(() => {
    if (!reduced) return;
    let live = true;
    api().array(runId, info.source, info.key, [trainId]).then((a) => live && setOwn(a)).catch(reportError);
    return () => { live = false; };
  }, [reduced, runId, info, trainId]);
  const arr = reduced ? own : overview;
  const label = `${info.source} ${info.key}`;
  const plot = useMemo(() => {
    const width = info.shape.reduce((a, b) => a * b, 1);
    const row = arr ? arr.trainIds.indexOf(trainId) : -1;
    const y = !arr || row < 0 ? [] : Array.from(arr.data.subarray(row * width, row * width + (reduced ? width : columns)));
    return {
      data: [{ type: reduced && webglAvailable ? 'scattergl' : 'scatter', mode: 'lines', x: y.map((_, i) => i), y, name: label }],
      layout: { height: 260, margin: { t: 30, r: 20, b: 40, l: 70 }, title: { text: !arr ? `Reading train ${trainId}…` : row < 0 ? `No data in train ${trainId}` : `Train ${trainId}` } },
    };
  }, [arr, reduced, columns, trainId, label, info]);
  return <PlotlyView data={plot.data} layout={plot.layout} testId="array-plot" height={260} />;
}
