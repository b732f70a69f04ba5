// The docs' analyses (3.15–3.17), computed in the worker by the core, a chunk of trains at a
// time (progress, Cancel): a pulse-resolved XGM's intensity image, the on/off suppression
// ratio per train with error bars, its histogram and overall value, two runs compared; and
// digitizer waveforms summed or averaged over trains (WaveformSection).
import { useEffect, useMemo, useRef, useState } from 'react';
import { api } from '../../worker/client';
import type { PulsePattern, RunSummary, SourceRow, XgmCompareChoice, XgmCompareSide, XgmPulsesResult } from '../../worker/api';
import { folderName } from '../actions/openRun';
import { isH5 } from '../actions/folderWalk';
import { useViewer } from '../store/viewerStore';
import { PlotlyView } from '../vis/PlotlyView';
import { withProgress } from '../actions/withProgress';
import { WaveformSection } from './WaveformSection';

const PULSE_KEY = 'data.intensityTD';

export function AnalysisPanel() {
  const run = useViewer((s) => s.run);
  if (!run) return <p className="muted">Open a run to analyse its XGM and digitizer data.</p>;
  return (
    <div data-testid="analysis-panel">
      <XgmSection key={`xgm-${run.runId}`} runId={run.runId} />
      <CompareSection key={`cmp-${run.runId}`} runId={run.runId} runName={run.name} />
      <WaveformSection key={`wf-${run.runId}`} runId={run.runId} />
    </div>
  );
}

function XgmSection({ runId }: { runId: number }) {
  const sources = useViewer((s) => s.sources);
  const xgms = sources.filter((r) => r.keys.includes(PULSE_KEY)).map((r) => r.source);
  const [source, setSource] = useState(xgms[0] ?? '');
  const [on, setOn] = useState<PulsePattern>({ start: 0, stop: 20, step: 2 });
  const [off, setOff] = useState<PulsePattern>({ start: 1, stop: 20, step: 2 });
  const [result, setResult] = useState<XgmPulsesResult | null>(null);
  const plots = useMemo(() => result && xgmPlots(result), [result]);

  if (!xgms.length) return <p className="muted">No source in this run has a pulse-resolved {PULSE_KEY} (an XGM's fast output).</p>;
  const compute = async () => {
    const r = await withProgress('Suppression ratio', (onProgress) => api().analysis.xgmPulses(runId, source, PULSE_KEY, on, off, 30, onProgress));
    if (r) setResult(r);
  };
  return (
    <section>
      <h3>XGM pulse energies and suppression ratio</h3>
      <div className="row">
        <label>Source{' '}
          <select value={source} data-testid="xgm-source" onChange={(e) => setSource(e.target.value)}>
            {xgms.map((s) => <option key={s} value={s}>{s}</option>)}
          </select>
        </label>
        <span className="mono muted">{PULSE_KEY}</span>
      </div>
      <div className="row">
        <PatternInput label="On pulses" value={on} onChange={setOn} testId="on" />
        <PatternInput label="Off pulses" value={off} onChange={setOff} testId="off" />
        <button className="primary" data-testid="xgm-compute" onClick={() => void compute()}>Compute</button>
      </div>
      {result && plots && (
        <>
          <p data-testid="overall-ratio">
            Overall suppression ratio (mean off / mean on): <strong>{fmt(result.overall.ratio)} ± {fmt(result.overall.error)}</strong>
          </p>
          <PlotlyView data={plots.image.data} layout={plots.image.layout} testId="xgm-image" height={300} />
          <PlotlyView data={plots.ratio.data} layout={plots.ratio.layout} testId="ratio-plot" height={300} />
          <PlotlyView data={plots.hist.data} layout={plots.hist.layout} testId="ratio-histogram" height={260} />
        </>
      )}
    </section>
  );
}

/** start, stop, step of a numpy slice over the pulse axis. */
function PatternInput({ label, value, onChange, testId }: { label: string; value: PulsePattern; onChange: (p: PulsePattern) => void; testId: string }) {
  const field = (name: keyof PulsePattern) => (
    <input type="number" style={{ width: 64 }} value={value[name]} min={name === 'step' ? 1 : 0} data-testid={`${testId}-${name}`}
      aria-label={`${label} ${name}`} onChange={(e) => onChange({ ...value, [name]: Math.max(name === 'step' ? 1 : 0, Number(e.target.value)) })} />
  );
  return <span className="row" style={{ margin: 0 }}>{label}: {field('start')}:{field('stop')}:{field('step')}</span>;
}

function xgmPlots(r: XgmPulsesResult) {
  const [nPulses] = r.shape;
  const x = Array.from(r.trainIds);
  const rows = Array.from({ length: nPulses }, (_, p) => Array.from(r.image.subarray(p * x.length, (p + 1) * x.length)));
  const edges = Array.from(r.histogram.edges);
  return {
    image: {
      data: [{ type: 'heatmap', z: rows, x, colorscale: 'Viridis', colorbar: { title: { text: 'µJ' } } }],
      layout: { title: { text: 'Pulse energy (trains × pulses)' }, xaxis: { title: { text: 'train ID' }, tickformat: 'd' }, yaxis: { title: { text: 'pulse' } } },
    },
    ratio: {
      data: [{ type: 'scatter', mode: 'markers', x, y: Array.from(r.ratio), error_y: { type: 'data', array: Array.from(r.error), visible: true, thickness: 1 }, marker: { size: 4 } }],
      layout: { title: { text: 'Suppression ratio per train' }, xaxis: { title: { text: 'train ID' }, tickformat: 'd' }, yaxis: { title: { text: 'off / on' } } },
    },
    hist: {
      data: [{ type: 'bar', x: edges.slice(0, -1).map((e, i) => (e + edges[i + 1]) / 2), y: Array.from(r.histogram.counts), width: edges[1] - edges[0] }],
      layout: { title: { text: 'Suppression ratio: histogram' }, xaxis: { title: { text: 'off / on' } }, yaxis: { title: { text: 'trains' } }, bargap: 0 },
    },
  };
}

const FLUX_KEY = 'pulseEnergy.photonFlux.value';

/** The XGM sources of one run: control sources with a photon flux, outputs with pulse-resolved keys. */
function xgmChoices(rows: SourceRow[]) {
  const flux = rows.filter((r) => r.keys.includes(FLUX_KEY)).map((r) => r.source);
  const pulses = rows.filter((r) => r.keys.some((k) => k.startsWith('data.intensity') && k.endsWith('TD'))).map((r) => r.source);
  return { flux, pulses };
}

function defaultChoice(rows: SourceRow[]): XgmCompareChoice {
  const { flux, pulses } = xgmChoices(rows);
  return { fluxSource: flux[0] ?? '', pulseSource: pulses[0] ?? '', pulseKey: PULSE_KEY };
}

/**
 * "Compare with run…" (docs 3.16, two collections): a second run opened in the worker beside
 * the first; each one's photon flux overlaid against train ID, and both suppression ratios.
 */
function CompareSection({ runId, runName }: { runId: number; runName: string }) {
  const sources = useViewer((s) => s.sources);
  const [other, setOther] = useState<{ run: RunSummary; sources: SourceRow[] } | null>(null);
  const [mine, setMine] = useState<XgmCompareChoice>(() => defaultChoice(sources));
  const [theirs, setTheirs] = useState<XgmCompareChoice>({ fluxSource: '', pulseSource: '', pulseKey: PULSE_KEY });
  const [on, setOn] = useState<PulsePattern>({ start: 0, stop: 20, step: 2 });
  const [off, setOff] = useState<PulsePattern>({ start: 1, stop: 20, step: 2 });
  const [result, setResult] = useState<XgmCompareSide[] | null>(null);
  const otherId = useRef<number | null>(null);
  // The comparison run is closed in the worker with the panel (or when replaced).
  useEffect(() => () => {
    if (otherId.current !== null) void api().closeRun(otherId.current);
  }, []);
  const names = [runName, other?.run.name ?? ''];
  const plots = useMemo(() => result && comparePlots(result, names), [result, names[0], names[1]]); // eslint-disable-line react-hooks/exhaustive-deps

  const openOther = async (e: React.ChangeEvent<HTMLInputElement>) => {
    const files = [...(e.target.files ?? [])];
    e.target.value = '';
    const h5 = files.filter(isH5);
    if (!h5.length) return;
    const name = folderName(files);
    const got = await withProgress(`Opening ${name} to compare`, async (onProgress) => {
      const run = await api().openRun(h5, name, onProgress);
      return { run, sources: await api().sources(run.runId) };
    });
    if (!got) return;
    if (otherId.current !== null) void api().closeRun(otherId.current);
    otherId.current = got.run.runId;
    setOther(got);
    setTheirs(defaultChoice(got.sources));
    setResult(null);
  };
  const compute = async () => {
    if (!other) return;
    const r = await withProgress('Comparing runs', (onProgress) => api().analysis.compareXgm([{ runId, ...mine }, { runId: other.run.runId, ...theirs }], on, off, onProgress));
    if (r) setResult(r);
  };
  const ready = other && mine.fluxSource && mine.pulseSource && theirs.fluxSource && theirs.pulseSource;

  return (
    <section>
      <h3>Compare two runs: XGM photon flux and suppression ratio</h3>
      <div className="row">
        <label className="button">
          Compare with run…
          <input className="visually-hidden" type="file" data-testid="compare-folder-input"
            {...{ webkitdirectory: '', directory: '' }} onChange={(e) => void openOther(e)} />
        </label>
        {other && <span data-testid="compare-run-name">{other.run.name} ({other.run.trainIds.length} trains)</span>}
      </div>
      <ChoiceRow label={`A: ${runName}`} rows={sources} value={mine} onChange={setMine} testId="cmp-a" />
      {other && <ChoiceRow label={`B: ${other.run.name}`} rows={other.sources} value={theirs} onChange={setTheirs} testId="cmp-b" />}
      <div className="row">
        <PatternInput label="On pulses" value={on} onChange={setOn} testId="cmp-on" />
        <PatternInput label="Off pulses" value={off} onChange={setOff} testId="cmp-off" />
        <button className="primary" data-testid="compare-compute" disabled={!ready} onClick={() => void compute()}>Compare</button>
      </div>
      {result && plots && (
        <>
          {result.map((r, i) => (
            <p key={i} data-testid={`compare-overall-${i}`}>
              {names[i]}: overall suppression ratio <strong>{fmt(r.overall.ratio)} ± {fmt(r.overall.error)}</strong>
            </p>
          ))}
          <PlotlyView data={plots.flux.data} layout={plots.flux.layout} testId="compare-flux-plot" height={300} />
          <PlotlyView data={plots.ratio.data} layout={plots.ratio.layout} testId="compare-ratio-plot" height={300} />
        </>
      )}
    </section>
  );
}

function ChoiceRow({ label, rows, value, onChange, testId }: { label: string; rows: SourceRow[]; value: XgmCompareChoice; onChange: (c: XgmCompareChoice) => void; testId: string }) {
  const { flux, pulses } = xgmChoices(rows);
  const keys = rows.find((r) => r.source === value.pulseSource)?.keys.filter((k) => k.startsWith('data.intensity') && k.endsWith('TD')) ?? [];
  return (
    <div className="row">
      <span>{label}</span>
      <select value={value.fluxSource} data-testid={`${testId}-flux-source`} aria-label={`${label} photon flux source`} onChange={(e) => onChange({ ...value, fluxSource: e.target.value })}>
        <option value="">—</option>
        {flux.map((s) => <option key={s} value={s}>{s}</option>)}
      </select>
      <span className="mono muted">{FLUX_KEY}</span>
      <select value={value.pulseSource} data-testid={`${testId}-pulse-source`} aria-label={`${label} pulse source`} onChange={(e) => onChange({ ...value, pulseSource: e.target.value })}>
        <option value="">—</option>
        {pulses.map((s) => <option key={s} value={s}>{s}</option>)}
      </select>
      <select value={value.pulseKey} data-testid={`${testId}-pulse-key`} aria-label={`${label} pulse key`} onChange={(e) => onChange({ ...value, pulseKey: e.target.value })}>
        {(keys.length ? keys : [PULSE_KEY]).map((k) => <option key={k} value={k}>{k}</option>)}
      </select>
    </div>
  );
}

function comparePlots(sides: XgmCompareSide[], names: string[]) {
  const axis = { title: { text: 'train ID' }, tickformat: 'd' };
  return {
    flux: {
      data: sides.map((s, i) => ({ type: 'scatter', mode: 'lines+markers', name: names[i], x: Array.from(s.fluxTrainIds), y: Array.from(s.flux), marker: { size: 4 } })),
      layout: { title: { text: 'Photon flux (pulseEnergy.photonFlux)' }, xaxis: axis, yaxis: { title: { text: 'µJ' } }, showlegend: true, legend: { orientation: 'h' } },
    },
    ratio: {
      data: sides.map((s, i) => ({
        type: 'scatter', mode: 'markers', name: `${names[i]}: ${fmt(s.overall.ratio)} ± ${fmt(s.overall.error)}`, x: Array.from(s.trainIds), y: Array.from(s.ratio),
        error_y: { type: 'data', array: Array.from(s.error), visible: true, thickness: 1 }, marker: { size: 4 },
      })),
      layout: { title: { text: 'Suppression ratio per train' }, xaxis: axis, yaxis: { title: { text: 'off / on' } }, showlegend: true, legend: { orientation: 'h' } },
    },
  };
}

const fmt = (v: number) => (Number.isFinite(v) ? v.toPrecision(4) : String(v));
