// Errors that name what was asked for and what exists.

function listSome(items: Iterable<string>, max = 12): string {
  const all = [...items].sort();
  const shown = all.slice(0, max).join(', ');
  return all.length > max ? `${shown}, … (${all.length} in all)` : shown || '(none)';
}

export class SourceNameError extends Error {
  constructor(readonly source: string, existing: Iterable<string>) {
    super(`No source named '${source}' in this data. Sources: ${listSome(existing)}`);
    this.name = 'SourceNameError';
  }
}

export class PropertyNameError extends Error {
  constructor(readonly source: string, readonly key: string, existing: Iterable<string>) {
    super(`No key '${key}' for source '${source}'. Keys: ${listSome(existing)}`);
    this.name = 'PropertyNameError';
  }
}

export class TrainIDError extends Error {
  constructor(readonly trainId: number, trainIds: readonly number[]) {
    const range = trainIds.length ? `${trainIds.length} trains, ${trainIds[0]}–${trainIds[trainIds.length - 1]}` : 'no trains';
    super(`Train ID ${trainId} not found in this data (${range})`);
    this.name = 'TrainIDError';
  }
}

/** A selection pattern that matched nothing. */
export class NoMatchError extends Error {
  constructor(pattern: string, sources: Iterable<string>) {
    super(`No matches for pattern ${pattern}. Sources: ${listSome(sources)}`);
    this.name = 'NoMatchError';
  }
}
