// Checks register themselves by name (as in EXtra-data), so a new one needs no edits
// elsewhere and every one of them can be skipped.
import type { Problem } from './problem';
import type { DataFile, FileSummary } from './dataFile';
import type { RunListing } from './runListing';

type Found = Omit<Problem, 'check'>;

/** A check on one open file; `file` is filled in by the caller. */
export type FileCheck = (file: DataFile) => Iterable<Found>;

/** A check over a whole run, given what the openable files contain. */
export type RunCheck = (run: RunListing, files: FileSummary[]) => Promise<Found[]>;

export const fileChecks = new Map<string, FileCheck>();
export const runChecks = new Map<string, RunCheck>();

export function registerFileCheck(name: string, check: FileCheck): void {
  fileChecks.set(name, check);
}

export function registerRunCheck(name: string, check: RunCheck): void {
  runChecks.set(name, check);
}
