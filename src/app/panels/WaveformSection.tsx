// Digitizer / PES spectra (docs 3.15.2): a waveform key (e.g. a PES channel's
// 'digitizers.channel_1_A.raw.samples') summed or averaged over the run's trains or a train
// range in the worker, and a second channel overlaid on the same plot, optionally normalised.
import { useMemo, useState } from 'react';
import { normalisePeak } from '../../core/analysis/waveform';
import { api } from '../../worker/client';
import type { Reduction, SourceRow, TrainIdRange, WaveformChannel, WaveformResult } from '../../worker/api';
import { setState, useViewer } from '../store/viewerStore';
import { PlotlyView } from '../vis/PlotlyView';
import { withProgress } from '../actions/withProgress';

/** How EuXFEL digitizers name their raw traces. */
const DIGITIZER_KEY = /^digitizers\.channel_\w+\.raw\.samples$/;

interface Plotted {
  channels: WaveformChannel[];
  results: WaveformResult[];
  how: Reduction;
}

/** Keys worth offering as waveforms: the per-train bookkeeping keys are not. */
function waveformKeys(row: SourceRow | undefined): string[] {
  return row?.keys.filter((k) => !/(^|\.)(trainId|pulseId|timestamp)$/.test(k)) ?? [];
}

/** A digitizer's first two channels when the run has one; else the first instrument source. */
function defaultChannels(rows: SourceRow[]): WaveformChannel[] {
  const adc = rows.find((r) => r.keys.some((k) => DIGITIZER_KEY.test(k)));
  if (adc) {
    const [a, b] = adc.keys.filter((k) => DIGITIZER_KEY.test(k));
    return [{ source: adc.source, key: a }, { source: b ? adc.source : '', key: b ?? '' }];
  }
  return [{ source: rows[0]?.source ?? '', key: '' }, { source: '', key: '' }];
}

export function WaveformSection({ runId }: { runId: number }) {
  const sources = useViewer((s) => s.sources);
  const instrument = useMemo(() => sources.filter((r) => r.kind === 'instrument' && !r.detector), [sources]);
  const [channels, setChannels] = useState<WaveformChannel[]>(() => defaultChannels(instrument));
  const [how, setHow] = useState<Reduction>('sum');
  const [range, setRange] = useState({ first: '', last: '' });
  const [normalise, setNormalise] = useState(false);
  const [sampleNs, setSampleNs] = useState('');
  const [plotted, setPlotted] = useState<Plotted | null>(null);
  const plot = useMemo(() => plotted && waveformPlot(plotted, normalise, Number(sampleNs) || 0), [plotted, normalise, sampleNs]);
  if (!instrument.length) return null;

  const chosen = channels.filter((c) => c.source && c.key);
  const compute = async () => {
    const trains: TrainIdRange = {};
    if (range.first.trim()) trains.firstTrainId = Number(range.first);
    if (range.last.trim()) trains.lastTrainId = Number(range.last);
    const results = await withProgress(`Waveform ${how} over trains`, (onProgress) => api().analysis.waveform(runId, chosen, how, trains, onProgress));
    if (!results) return;
    setPlotted({ channels: chosen, results, how });
    setState({ waveform: { channels: chosen.map((c) => [c.source, c.key]), how, first: trains.firstTrainId, last: trains.lastTrainId } });
  };
  const setChannel = (i: number, c: WaveformChannel) => setChannels(channels.map((x, j) => (j === i ? c : x)));

  return (
    <section>
      <h3>Digitizer / waveform: sum or mean over trains</h3>
      <p className="muted">A key with an array per train (a digitizer channel's raw samples), reduced per sample. With two channels, only the trains both have are used.</p>
      {channels.map((c, i) => (
        <div className="row" key={i}>
          <span>{i ? 'Compare with' : 'Channel'}</span>
          <select value={c.source} data-testid={`wf-source-${i}`} aria-label={`Waveform ${i + 1} source`} onChange={(e) => setChannel(i, { source: e.target.value, key: '' })}>
            <option value="">—</option>
            {instrument.map((r) => <option key={r.source} value={r.source}>{r.source}</option>)}
          </select>
          <select value={c.key} data-testid={`wf-key-${i}`} aria-label={`Waveform ${i + 1} key`} onChange={(e) => setChannel(i, { ...c, key: e.target.value })}>
            <option value="">—</option>
            {waveformKeys(instrument.find((r) => r.source === c.source)).map((k) => <option key={k} value={k}>{k}</option>)}
          </select>
        </div>
      ))}
      <div className="row">
        <select value={how} data-testid="wf-how" aria-label="Reduction over trains" onChange={(e) => setHow(e.target.value as Reduction)}>
          <option value="sum">sum</option>
          <option value="mean">mean</option>
        </select>
        <label>trains{' '}
          <input type="number" style={{ width: 120 }} placeholder="first" value={range.first} data-testid="wf-first" aria-label="First train ID"
            onChange={(e) => setRange({ ...range, first: e.target.value })} />
          {' – '}
          <input type="number" style={{ width: 120 }} placeholder="last" value={range.last} data-testid="wf-last" aria-label="Last train ID"
            onChange={(e) => setRange({ ...range, last: e.target.value })} />
        </label>
        <button className="primary" data-testid="wf-compute" disabled={!chosen.length} onClick={() => void compute()}>Plot</button>
      </div>
      <div className="row">
        <label><input type="checkbox" checked={normalise} data-testid="wf-normalise" onChange={(e) => setNormalise(e.target.checked)} /> normalise each to its largest |value|</label>
        <label>ns per sample{' '}
          <input type="number" style={{ width: 70 }} min={0} step="any" placeholder="—" value={sampleNs} data-testid="wf-sample-ns" aria-label="ns per sample"
            onChange={(e) => setSampleNs(e.target.value)} />
        </label>
        <span className="muted">(time axis in µs, as the docs' 0.5 ns PES samples; empty: sample index)</span>
      </div>
      {plot && <PlotlyView data={plot.data} layout={plot.layout} testId="waveform-plot" height={340} />}
    </section>
  );
}

/** One line per channel; x in µs when the sample period is known. */
function waveformPlot({ channels, results, how }: Plotted, normalise: boolean, sampleNs: number) {
  const data = results.map((r, i) => {
    const y = normalise ? normalisePeak(r.values) : r.values;
    return {
      type: 'scatter', mode: 'lines', name: `${shortKey(channels[i])} (${r.nTrains} trains)`,
      x: Array.from({ length: y.length }, (_, s) => (sampleNs ? (s * sampleNs) / 1000 : s)),
      y: Array.from(y),
    };
  });
  const what = `${how} over trains${normalise ? ', normalised' : ''}`;
  return {
    data,
    layout: {
      title: { text: `Waveform ${what}` },
      xaxis: { title: { text: sampleNs ? 'time (µs)' : 'sample' } },
      yaxis: { title: { text: normalise ? `${how} / max |${how}|` : how }, exponentformat: 'power' },
      showlegend: true, legend: { orientation: 'h' },
    },
  };
}

/** 'channel_1_A' for a digitizer key, else source and key. */
function shortKey({ source, key }: WaveformChannel): string {
  const m = /^digitizers\.(channel_\w+)\.raw\.samples$/.exec(key);
  return m ? m[1] : `${source} ${key}`;
}
