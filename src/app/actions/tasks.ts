// Long work shown in the status bar: each task has its own row, progress and Cancel. A task's
// updates and its end touch only its own row, so work that overlaps — a run still choosing
// its detector while a mean starts, a progress report arriving late on its own message
// channel after the work it reports on has ended — never clears or relabels another's row.
import { setState, type TaskRow } from '../store/viewerStore';

export interface Task {
  /** Cancel was pressed: the work's result is to be dropped. */
  readonly cancelled: boolean;
  /** Progress (and, optionally, a new label); ignored once the task was cancelled or ended. */
  update(done: number, total: number, label?: string): void;
  /** Removes the row (again: nothing). */
  end(): void;
}

export interface TaskOptions {
  /** After Cancel the row stays, marked "cancelling", until end(): for work that must confirm it stopped. */
  untilEnd?: boolean;
}

let nextId = 1;

/** Adds a row for `label`; its Cancel calls `stop` once. */
export function startTask(label: string, stop: () => void, options: TaskOptions = {}): Task {
  const id = nextId++;
  let cancelled = false;
  let ended = false;
  const patch = (change: Partial<TaskRow>) => setState((s) => ({ tasks: s.tasks.map((t) => (t.id === id ? { ...t, ...change } : t)) }));
  const remove = () => setState((s) => ({ tasks: s.tasks.filter((t) => t.id !== id) }));
  const cancel = () => {
    if (cancelled || ended) return;
    cancelled = true;
    stop();
    if (options.untilEnd) patch({ cancelling: true });
    else remove();
  };
  setState((s) => ({ tasks: [...s.tasks, { id, label, cancel }] }));
  return {
    get cancelled() {
      return cancelled;
    },
    update(done, total, newLabel) {
      if (!cancelled && !ended) patch(newLabel ? { done, total, label: newLabel } : { done, total });
    },
    end() {
      if (ended) return;
      ended = true;
      remove();
    },
  };
}
