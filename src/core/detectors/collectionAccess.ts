// The data core keeps a collection's source entries and train filter private. Reading a
// single frame needs them (a hyperslab of one row, not a key for whole trains), so this one
// place reaches in; a public accessor in src/core/data/ would replace it.
import type { TrainFilter } from '../data/chunks';
import type { DataCollection } from '../data/dataCollection';
import type { SourceEntry } from '../data/sourceEntry';

interface CollectionInternals {
  entry(source: string): SourceEntry;
  filter: TrainFilter;
}

const internals = (dc: DataCollection) => dc as unknown as CollectionInternals;

export function sourceEntry(dc: DataCollection, source: string): SourceEntry {
  return internals(dc).entry(source);
}

export function trainFilter(dc: DataCollection): TrainFilter {
  return internals(dc).filter;
}
