// Long work (a row per task: progress, Cancel) and errors: shown above the panels, never blocking them.
import { setState, useViewer } from '../store/viewerStore';

export function StatusBar() {
  const tasks = useViewer((s) => s.tasks);
  const errors = useViewer((s) => s.errors);
  if (!tasks.length && !errors.length) return null;
  return (
    <div className="status">
      {tasks.map((task) => (
        <div key={task.id} className="progress" data-testid="progress" role="status">
          <span>{task.label}</span>
          {/* Before the counter, whose width changes: a button that moves is hard to hit */}
          <button onClick={task.cancel} disabled={task.cancelling}>{task.cancelling ? 'Cancelling…' : 'Cancel'}</button>
          {task.total ? <progress max={task.total} value={task.done ?? 0} /> : <progress />}
          {task.total ? <span className="muted">{task.done ?? 0} / {task.total}</span> : null}
        </div>
      ))}
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
