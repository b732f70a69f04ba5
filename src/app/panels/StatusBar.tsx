// Long work (progress, Cancel) and errors: shown above the panels, never blocking them.
import { cancelWork } from '../actions/openRun';
import { setState, useViewer } from '../store/viewerStore';

export function StatusBar() {
  const progress = useViewer((s) => s.progress);
  const errors = useViewer((s) => s.errors);
  if (!progress && !errors.length) return null;
  return (
    <div className="status">
      {progress && (
        <div className="progress" data-testid="progress" role="status">
          <span>{progress.label}</span>
          {/* Before the counter, whose width changes: a button that moves is hard to hit */}
          <button onClick={progress.onCancel ?? cancelWork}>Cancel</button>
          {progress.total ? <progress max={progress.total} value={progress.done ?? 0} /> : <progress />}
          {progress.total ? <span className="muted">{progress.done ?? 0} / {progress.total}</span> : null}
        </div>
      )}
      {errors.length > 0 && (
        <div className="error-banner" data-testid="error-banner" role="alert">
          <ul>
            {errors.map((e, i) => <li key={i}>{e}</li>)}
          </ul>
          <button onClick={() => setState({ errors: [] })}>Dismiss</button>
        </div>
      )}
    </div>
  );
}
