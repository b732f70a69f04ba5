// "Copy as Python": the current selection and view as EXtra-data / EXtra-geom code (the
// core's copyAsPython), put on the clipboard and shown in a dialog to edit the run path.
import { useEffect, useMemo, useState, type CSSProperties } from 'react';
import { copyAsPython, type PythonView } from '../../core/analysis/copyAsPython';
import { byId, byIndex } from '../../core/data/trainSelectors';
import { DEFAULT_QUAD_POS } from '../../worker/detectors';
import { getState, useViewer, type ViewerState } from '../store/viewerStore';

const KIND = { AGIPD: 'AGIPD1M', LPD: 'LPD1M', DSSC: 'DSSC1M' } as const;

/** The view the app shows, in the words of copyAsPython. */
export function pythonView(s: ViewerState, runPath: string): PythonView {
  const pairs = new Map<string, readonly [string, string]>();
  for (const k of s.seriesKeys) pairs.set(`${k.source} ${k.key}`, [k.source, k.key]);
  if (s.source && s.key) pairs.set(`${s.source} ${s.key}`, [s.source, s.key]);
  const det = s.run?.detectors.find((d) => d.name === s.detector);
  const onDetector = det && s.tab === 'detector';
  if (onDetector) pairs.set(`${det.name} det`, [`${det.name}/DET/*`, '*']);
  const wf = s.tab === 'analysis' ? s.waveform : null;
  if (wf) for (const [source, key] of wf.channels) pairs.set(`${source} ${key}`, [source, key]);
  const view: PythonView = { runPath, selection: [...pairs.values()], series: s.seriesKeys.map((k) => [k.source, k.key] as const) };
  if (wf) {
    view.waveform = { channels: wf.channels, how: wf.how };
    if (wf.first !== undefined || wf.last !== undefined) view.trains = byId.slice(wf.first ?? null, wf.last === undefined ? null : wf.last + 1);
  }
  if (onDetector) {
    // A ROI is reduced over every train and pulse (as the ROI panel does); otherwise the frame on screen
    const mean = s.trainMean;
    if (s.roi) view.roi = { ...s.roi, how: s.roiHow };
    if (mean) {
      view.trains = byId.slice(mean.first, mean.last + 1);
      view.trainMean = { pulse: mean.pulse };
    } else if (!s.roi && s.trainId !== null) view.trains = byId.list([s.trainId]);
    const pulses = mean ? (mean.step > 1 ? byIndex.slice(null, null, mean.step) : undefined) : s.roi ? undefined : byIndex.list([s.pulse]);
    view.detector = { kind: KIND[det.type], detectorName: det.name, ...(pulses ? { pulses } : {}) };
    const g = s.geometry;
    if (g && /\.geom$/i.test(g.label)) view.geometry = { from: 'crystfel', path: g.label };
    else if (g) view.geometry = { from: 'quadPositions', quadPositions: DEFAULT_QUAD_POS[det.type], ...(/\.h5$/i.test(g.label) ? { h5File: g.label } : {}) };
  }
  return view;
}

export function CopyAsPythonButton() {
  const hasRun = useViewer((s) => s.run !== null);
  const [open, setOpen] = useState(false);
  if (!hasRun) return null;
  return (
    <>
      <button data-testid="copy-python" style={{ marginLeft: 'auto', marginBottom: 4 }} onClick={() => setOpen(true)}>Copy as Python</button>
      {open && <PythonDialog onClose={() => setOpen(false)} />}
    </>
  );
}

function PythonDialog({ onClose }: { onClose: () => void }) {
  const runName = useViewer((s) => s.run?.name ?? 'run');
  // The browser cannot know where the run lives on the cluster: the user says.
  const [runPath, setRunPath] = useState(`/gpfs/exfel/exp/INSTRUMENT/CYCLE/PROPOSAL/raw/${runName}`);
  const code = useMemo(() => copyAsPython(pythonView(getState(), runPath)), [runPath]);
  const [copied, setCopied] = useState<string | null>(null);
  // The button's click copies at once (the page still has the user's activation).
  useEffect(() => { void copy(); }, []);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(code);
      setCopied('Copied to the clipboard');
    } catch {
      setCopied('The browser refused the clipboard: select the text and copy it');
    }
  };
  return (
    <div style={BACKDROP} onClick={onClose}>
      <div style={DIALOG} role="dialog" aria-label="Copy as Python" data-testid="python-dialog" onClick={(e) => e.stopPropagation()}>
        <h3>The current view as EXtra-data / EXtra-geom code</h3>
        <label className="row">Run folder on the cluster
          <input type="text" className="mono" style={{ flex: 1 }} value={runPath} data-testid="python-run-path"
            onChange={(e) => { setRunPath(e.target.value); setCopied(null); }} />
        </label>
        <pre className="info mono" data-testid="python-code">{code}</pre>
        <div className="row">
          <button data-testid="python-copy" onClick={() => void copy()}>Copy again</button>
          <button onClick={onClose}>Close</button>
          {copied && <span className="muted" data-testid="python-copied">{copied}</span>}
        </div>
      </div>
    </div>
  );
}

const BACKDROP: CSSProperties = { position: 'fixed', inset: 0, background: 'rgba(0, 0, 0, 0.3)', display: 'flex', alignItems: 'center', justifyContent: 'center', zIndex: 20 };
const DIALOG: CSSProperties = { background: 'var(--panel)', borderRadius: 6, padding: 16, width: 'min(900px, 90vw)', maxHeight: '85vh', overflow: 'auto', boxShadow: '0 8px 30px rgba(0, 0, 0, 0.25)' };
