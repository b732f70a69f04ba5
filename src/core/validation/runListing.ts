// The files of a run folder and its run-map cache: from a directory path in Node, or from
// the `File`s a user picked in the browser. Read-only: we never write into a run folder.
import type { H5Source } from '../h5/h5File';

export const RUN_MAP_CACHE = 'karabo_data_map.json';

export interface RunFile {
  name: string;
  src: H5Source;
  size: number;
  /** Whether a cached `mtime` (Python's float st_mtime) matches this file's. */
  mtimeMatches(cachedMtime: unknown): boolean;
}

export interface RunListing {
  /** The folder as given (Node) or as the browser names it. */
  directory: string;
  /** The `.h5` files, sorted by name. */
  files: RunFile[];
  cache: { path: string; text: string } | null;
}

export async function listRun(input: string | readonly File[]): Promise<RunListing> {
  return typeof input === 'string' ? listRunDirectory(input) : listPickedFiles(input);
}

/** CPython's float st_mtime, which EXtra-data's cache stores: (double)sec + (double)nsec * 1e-9. */
export function pythonMtime(mtimeNs: bigint): number {
  return Number(mtimeNs / 1_000_000_000n) + Number(mtimeNs % 1_000_000_000n) * 1e-9;
}

/** os.path.join: keeps the path as the user typed it, as EXtra-data's messages do. */
export function joinPath(dir: string, name: string): string {
  return dir.endsWith('/') || dir === '' ? `${dir}${name}` : `${dir}/${name}`;
}

async function listRunDirectory(dir: string): Promise<RunListing> {
  // Kept opaque so browser bundles never try to include node:fs.
  const fsSpecifier = 'node:fs/promises';
  const fs: typeof import('node:fs/promises') = await import(/* @vite-ignore */ fsSpecifier);
  const names = (await fs.readdir(dir)).filter((n) => n.endsWith('.h5')).sort();
  const files = await Promise.all(names.map(async (name): Promise<RunFile> => {
    const path = joinPath(dir, name);
    const st = await fs.stat(path, { bigint: true }).catch(() => null);
    const mtime = st ? pythonMtime(st.mtimeNs) : NaN;
    return { name, src: path, size: st ? Number(st.size) : -1, mtimeMatches: (m) => m === mtime };
  }));
  const cachePath = joinPath(dir, RUN_MAP_CACHE);
  const text = await fs.readFile(cachePath, 'utf8').catch(() => null);
  return { directory: dir, files, cache: text === null ? null : { path: cachePath, text } };
}

async function listPickedFiles(picked: readonly File[]): Promise<RunListing> {
  const relPath = (f: File) => (f as File & { webkitRelativePath?: string }).webkitRelativePath || f.name;
  const directory = relPath(picked[0] ?? new File([], '')).split('/').slice(0, -1).join('/');
  const files = picked
    .filter((f) => f.name.endsWith('.h5'))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((f): RunFile => ({
      name: f.name,
      src: f,
      size: f.size,
      // Browsers only give whole milliseconds.
      mtimeMatches: (m) => typeof m === 'number' && Math.floor(m * 1000) === f.lastModified,
    }));
  const cacheFile = picked.find((f) => f.name === RUN_MAP_CACHE);
  const cache = cacheFile ? { path: relPath(cacheFile), text: await cacheFile.text() } : null;
  return { directory, files, cache };
}
