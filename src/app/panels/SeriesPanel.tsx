// Keys against train ID (several overlaid), x-vs-y scatter, histogram; a vector per train
// (XGM intensityTD) as a trains × values image; CSV export of what is shown.
import { useEffect, useMemo, useState } from 'react';
import { api } from '../../worker/client';
import type { KeyInfo, SeriesResult } from '../../worker/api';
import { reportError, setState, useViewer, type SeriesMode } from '../store/viewerStore';
import { PlotlyView, webglAvailable } from '../vis/PlotlyView';
import { downloadText } from '../actions/download';
import { KeyArrayView } from './KeyArrayView';

const scatterType = webglAvailable ? 'scattergl' : 'scatter';

export function SeriesPanel() {
  const run = useViewer((s) => s.run);
  const keys = useViewer((s) => s.seriesKeys);
  const sources = useViewer((s) => s.sources);
  const detectorOf = (source: string) => sources.find((r) => r.source === source)?.detector ?? null;
  const mode = useViewer((s) => s.seriesMode);
  const [infos, setInfos] = useState<KeyInfo[]>([]);
  const [series, setSeries] = useState<SeriesResult[]>([]);

  useEffect(() => {
    if (!run) return;
    let live = true;
    (async () => {
      const found: KeyInfo[] = [];
      for (const k of keys) found.push(await api().keyInfo(run.runId, k.source, k.key));
      // One value per entry, shape () or (1,): a series (per pulse for detector header keys)
      const scalars = found.filter(isScalar);
      const got: SeriesResult[] = [];
      for (const k of scalars) got.push(await api().series(run.runId, k.source, k.key));
      if (live) {
        setInfos(found);
        setSeries(got);
      }
    })().catch(reportError);
    return () => { live = false; };
  }, [run, keys]);

  const plot = useMemo(() => plotFor(series, mode), [series, mode]);
  if (!run) return <p className="muted">Open a run, then choose keys in the sources list.</p>;
  if (!keys.length) return <p className="muted">Choose a key in the sources list (+ overlays another).</p>;
  const arrays = infos.filter((i) => !isScalar(i));

  const exportCsv = async () => {
    try {
      const csv = await api().dataFrameCsv(run.runId, series.map((s) => [s.source, s.key] as [string, string]));
      downloadText(csv, `${run.name}-series.csv`, 'text/csv');
    } catch (e) {
      reportError(e);
    }
  };

  return (
    <div>
      <div className="row">
        {keys.map((k) => (
          <span key={`${k.source} ${k.key}`} className="mono chip">
            {k.source} {k.key}{' '}
            <button title="remove" onClick={() => setState({ seriesKeys: keys.filter((x) => x !== k) })}>×</button>
          </span>
        ))}
      </div>
      {series.length > 0 && (
        <>
          <div className="row">
            <label>Plot{' '}
              <select value={mode} data-testid="series-mode" onChange={(e) => setState({ seriesMode: e.target.value as SeriesMode })}>
                <option value="lines">against train ID</option>
                <option value="scatter" disabled={series.length < 2}>x vs y (first two keys)</option>
                <option value="histogram">histogram</option>
              </select>
            </label>
            <button onClick={() => void exportCsv()}>Export CSV</button>
          </div>
          <PlotlyView data={plot.data} layout={plot.layout} testId="series-plot" />
        </>
      )}
      {arrays.map((i) => (detectorOf(i.source) && i.shape.length >= 2
        ? <DetectorKeyNote key={`${i.source} ${i.key}`} info={i} />
        : <KeyArrayView key={`${i.source} ${i.key}`} info={i} />))}
    </div>
  );
}

const isScalar = (i: KeyInfo) => i.shape.every((d) => d === 1);

/** A detector module's frames belong in the Detector panel (assembled, pulse by pulse), not read whole here. */
function DetectorKeyNote({ info }: { info: KeyInfo }) {
  return (
    <div className="row notice">
      <span className="mono">{info.source} {info.key}</span>
      <span>({info.dtype}, frames of ({info.shape.join(', ')})): detector frames are shown assembled in the Detector panel.</span>
      <button onClick={() => setState({ tab: 'detector' })}>Open the Detector panel</button>
    </div>
  );
}

function label(s: SeriesResult) {
  return `${s.source} ${s.key}`;
}

function plotFor(series: SeriesResult[], mode: SeriesMode): { data: object[]; layout: object } {
  if (mode === 'scatter' && series.length >= 2) {
    const [a, b] = series;
    // Pair values by train: either key may lack some trains.
    const yOf = new Map<number, number>();
    b.trainIds.forEach((t, i) => yOf.set(t, b.values[i]));
    const x: number[] = [];
    const y: number[] = [];
    const text: string[] = [];
    a.trainIds.forEach((t, i) => {
      if (yOf.has(t)) {
        x.push(a.values[i]);
        y.push(yOf.get(t)!);
        text.push(`train ${t}`);
      }
    });
    return {
      data: [{ type: scatterType, mode: 'markers', x, y, text, marker: { size: 4 } }],
      layout: { xaxis: { title: { text: label(a) } }, yaxis: { title: { text: label(b) } } },
    };
  }
  if (mode === 'histogram') {
    return {
      data: series.map((s) => ({ type: 'histogram', x: s.labels ?? Array.from(s.values), name: label(s), opacity: 0.7 })),
      layout: { barmode: 'overlay', xaxis: { title: { text: 'value' } }, yaxis: { title: { text: 'count' } } },
    };
  }
  return {
    data: series.map((s) => ({
      type: scatterType,
      mode: s.pulseIds || s.labels ? 'markers' : 'lines',
      x: Array.from(s.trainIds),
      y: s.labels ?? Array.from(s.values),
      name: label(s),
      marker: { size: 3 },
    })),
    layout: { xaxis: { title: { text: 'train ID' }, tickformat: 'd' }, yaxis: { title: { text: series.length === 1 ? label(series[0]) : 'value' } }, showlegend: series.length > 1 },
  };
}
