// Problems as text, the way EXtra-data's ValidationError and `extra-data-validate` print them.
import { pyTuple } from './numbers';
import type { Problem } from './problem';

/** EXtra-data's field names, which the printed text uses. */
const PRINTED_NAMES: Partial<Record<keyof Problem, string>> = {
  indexShape: 'index_shape',
  trainIdsShape: 'trainids_shape',
  firstShape: 'first_shape',
  countShape: 'count_shape',
  cacheFile: 'cache_file',
  dataFile: 'data_file',
};

/** One block per problem: a blank line, the message, then its fields sorted by name. */
export function formatProblems(problems: readonly Problem[]): string {
  const lines: string[] = [];
  for (const p of problems) {
    lines.push('', p.msg);
    const fields = Object.entries(p)
      .filter(([k, v]) => k !== 'msg' && k !== 'check' && v !== undefined)
      .map(([k, v]) => [PRINTED_NAMES[k as keyof Problem] ?? k, Array.isArray(v) ? pyTuple(v) : String(v)])
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    for (const [k, v] of fields) lines.push(`  ${k}: ${v}`);
  }
  return lines.join('\n');
}

/** What follows the "Checking ..." header once the checks ran. */
export function formatOutcome(problems: readonly Problem[]): string {
  return problems.length
    ? `Validation failed! ${problems.length} problems:\n${formatProblems(problems)}\n`
    : 'No problems found\n';
}
