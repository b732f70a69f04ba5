// Validation of the open run's files (issue 5's panel), beside the viewer's API: the same
// files the run was opened from are checked again with the core's validateRun.
import { proxyMarker } from 'comlink';
import { validateRun, formatProblems, type Problem } from '../core/index';

export type { Problem };

export interface ValidationResult {
  problems: Problem[];
  /** The CLI's text of the problems (EXtra-data's blocks), for copying. */
  text: string;
  files: number;
}

export class ValidationApi {
  /** Reached as `api().validation.method()` through comlink, typed as a remote object. */
  readonly [proxyMarker] = true as const;
  private job = 0;
  private cancelled = 0;

  constructor(private readonly filesOf: (runId: number) => readonly File[] | string) {}

  /** Reports each file as it is checked; `cancel()` stops it at the next file. */
  async validateRun(runId: number, onProgress?: (done: number, total: number, name: string) => void): Promise<ValidationResult> {
    const job = ++this.job;
    let files = 0;
    const problems = await validateRun(this.filesOf(runId), {
      onFile: (done, total, _result, name) => {
        files = total;
        if (this.cancelled >= job) throw new Error('Validation cancelled');
        onProgress?.(done, total, name);
      },
    });
    if (this.cancelled >= job) throw new Error('Validation cancelled');
    return { problems, text: formatProblems(problems), files };
  }

  cancel(): void {
    this.cancelled = this.job;
  }
}
