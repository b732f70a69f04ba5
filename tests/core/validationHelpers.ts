// Copies of fixture files with targeted byte edits, written to a temp dir (never into
// ../shared): HDF5 stores these small uncompressed arrays and names as plain bytes.
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { FIXTURES } from '../oracle/oracle';
import { checkFile } from '../../src/core';
import { pythonMtime } from '../../src/core/validation/runListing';

export const FORMAT_10_FILE = join(FIXTURES, 'format-1.0-run', 'RAW-R0005-DA01-S00000.h5');
export const FIRST_TRAIN = 10000n;
export const N_TRAINS = 30;
export const timestamp = (toff: number, k: number) => 1546300800000000000n + BigInt(toff) * 100000000n + BigInt(k);

function u64Bytes(values: readonly bigint[]): Buffer {
  const buf = Buffer.alloc(8 * values.length);
  values.forEach((v, i) => buf.writeBigUInt64LE(v, 8 * i));
  return buf;
}

/** Byte offsets where this run of uint64 values is stored. */
export function findUint64s(bytes: Buffer, values: readonly bigint[]): number[] {
  const needle = u64Bytes(values);
  const hits: number[] = [];
  for (let i = bytes.indexOf(needle); i >= 0; i = bytes.indexOf(needle, i + 1)) hits.push(i);
  return hits;
}

export function setUint64(bytes: Buffer, offset: number, index: number, value: bigint): void {
  bytes.writeBigUInt64LE(value, offset + 8 * index);
}

export const range = (n: number, start = 0n) => Array.from({ length: n }, (_, i) => start + BigInt(i));

/** Writes `bytes` as `dir/name/<file name>` and returns its path. */
export function writeCase(dir: string, name: string, bytes: Uint8Array, fileName = 'RAW-R0005-DA01-S00000.h5'): string {
  mkdirSync(join(dir, name), { recursive: true });
  const path = join(dir, name, fileName);
  writeFileSync(path, bytes);
  return path;
}

/** A fresh copy of the format-1.0 fixture's bytes, edited by `edit`. */
export function editedFormat10(edit: (bytes: Buffer) => void): Buffer {
  const bytes = readFileSync(FORMAT_10_FILE);
  edit(bytes);
  return bytes;
}

/** The karabo_data_map.json entry EXtra-data's RunDirectory() writes for a file. */
export async function runMapEntry(path: string): Promise<Record<string, unknown> | null> {
  const { summary } = await checkFile(path);
  if (!summary) return null;
  const st = statSync(path, { bigint: true });
  return {
    filename: basename(path),
    mtime: pythonMtime(st.mtimeNs),
    size: Number(st.size),
    train_ids: summary.trainIds.map(Number),
    control_sources: summary.controlSources,
    instrument_sources: summary.instrumentSources,
    legacy_sources: {},
    suspect_train_indices: [],
  };
}
