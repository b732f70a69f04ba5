// Issue 5's Validation panel: the open run's files checked in the worker by the core's
// validateRun, with progress and Cancel; problems grouped by file, then by check.
import { create } from 'zustand';
import { api, callback } from '../../worker/client';
import type { Problem, ValidationResult } from '../../worker/api';
import { getState, reportError, useViewer } from '../store/viewerStore';
import { startTask } from '../actions/tasks';

/** The last result per run, kept while the user visits other tabs. */
const useValidation = create<{ runId: number | null; result: ValidationResult | null; running: boolean }>(() => ({
  runId: null, result: null, running: false,
}));

async function validate(runId: number): Promise<void> {
  useValidation.setState({ runId, result: null, running: true });
  const task = startTask('Validating the run files', () => void api().validation.cancel());
  const progress = (done: number, total: number, name: string) => task.update(done, total, `Validating: ${name}`);
  try {
    const result = await api().validation.validateRun(runId, callback(progress));
    if (getState().run?.runId === runId) useValidation.setState({ result });
  } catch (e) {
    if (!task.cancelled) reportError(e);
  } finally {
    useValidation.setState({ running: false });
    task.end();
  }
}

export function ValidationPanel() {
  const run = useViewer((s) => s.run);
  const { runId, result, running } = useValidation();
  if (!run) return <p className="muted">Open a run to validate its files.</p>;
  const shown = runId === run.runId ? result : null;
  return (
    <div data-testid="validation-panel">
      <div className="row">
        <button className="primary" data-testid="validate-run" disabled={running} onClick={() => void validate(run.runId)}>
          Validate {run.name}
        </button>
        <span className="muted">EXtra-data's checks of INDEX, train IDs and timestamps, file by file.</span>
      </div>
      {shown && <ValidationReport result={shown} />}
    </div>
  );
}

function ValidationReport({ result }: { result: ValidationResult }) {
  if (!result.problems.length) {
    return <p className="notice" data-testid="validation-ok">No problems found in {result.files} files</p>;
  }
  const byFile = groupBy(result.problems, (p) => baseName(p.file ?? p.directory ?? 'run'));
  return (
    <div>
      <p data-testid="validation-summary"><strong>Validation failed!</strong> {result.problems.length} problems in {byFile.size} {byFile.size === 1 ? 'file' : 'places'}:</p>
      {[...byFile].map(([file, problems]) => (
        <section key={file} data-testid="validation-file" data-file={file}>
          <h3 className="mono">{file}</h3>
          {[...groupBy(problems, (p) => p.check)].map(([check, list]) => (
            <div key={check} data-testid="validation-check" data-check={check}>
              <h4 className="muted">{check} ({list.length})</h4>
              <ul>
                {list.map((p, i) => (
                  <li key={i} data-testid="validation-problem" data-dataset={p.dataset ?? ''}>
                    <span data-testid="problem-msg">{p.msg}</span>
                    <span className="mono muted"> {details(p)}</span>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </section>
      ))}
      <details>
        <summary>As the command line prints it</summary>
        <pre className="info mono">{result.text}</pre>
      </details>
    </div>
  );
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) out.set(keyOf(item), [...(out.get(keyOf(item)) ?? []), item]);
  return out;
}

/** The fields beside the message (dataset, shapes, error), as the CLI lists them. */
function details(p: Problem): string {
  return Object.entries(p)
    .filter(([k, v]) => !['check', 'msg', 'file', 'directory'].includes(k) && v !== undefined)
    .map(([k, v]) => `${k}: ${Array.isArray(v) ? `(${v.join(', ')})` : String(v)}`)
    .join('; ');
}

const baseName = (path: string) => path.split('/').pop() || path;
