// The run's info(): trains, duration, train IDs, detector modules, sources, files.
import { useViewer } from '../store/viewerStore';

function duration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = (seconds % 60).toFixed(1).padStart(4, '0');
  return `${h}:${String(m).padStart(2, '0')}:${s}`;
}

export function OverviewPanel() {
  const run = useViewer((s) => s.run);
  if (!run) return <p className="muted">Open a run folder, some .h5 files, or the demo run.</p>;
  return (
    <div data-testid="run-summary">
      <h2>Run {run.name}</h2>
      <dl className="summary-grid">
        <dt># of trains</dt><dd data-testid="n-trains">{run.nTrains}</dd>
        <dt>Duration</dt><dd>{duration(run.durationSeconds)}</dd>
        <dt>First train ID</dt><dd data-testid="first-train">{run.firstTrainId}</dd>
        <dt>Last train ID</dt><dd data-testid="last-train">{run.lastTrainId}</dd>
        <dt>Files</dt><dd data-testid="n-files">{run.files.length}{run.filesFromCache > 0 && <span className="muted"> ({run.filesFromCache} summaries from the cache: not read again)</span>}</dd>
        <dt>Control sources</dt><dd>{run.controlSources.length}</dd>
        <dt>Instrument sources</dt><dd>{run.instrumentSources.length}</dd>
        {run.detectors.map((d) => (
          <Detector key={d.name} name={d.name} type={d.type} modules={d.modules} />
        ))}
      </dl>
      {run.warnings.length > 0 && (
        <>
          <h2>Warnings while opening</h2>
          <ul data-testid="run-warnings">
            {run.warnings.map((w, i) => <li key={i}>{w}</li>)}
          </ul>
        </>
      )}
      {run.info && (
        <>
          <h2>info()</h2>
          <pre className="info mono">{run.info}</pre>
        </>
      )}
      <h2>Files</h2>
      <table className="data">
        <thead><tr><th>File</th><th>Format</th></tr></thead>
        <tbody>
          {run.files.map((f) => (
            <tr key={f.filename}><td className="mono">{f.filename}</td><td>{f.formatVersion}</td></tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Detector({ name, type, modules }: { name: string; type: string; modules: number[] }) {
  return (
    <>
      <dt>{type} detector</dt>
      <dd>
        {name}: {modules.length} modules <span className="muted">({modules.join(', ')})</span>
      </dd>
    </>
  );
}
