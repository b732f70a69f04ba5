// The folder picker and folder walks, with stub handles: Playwright can drive neither the
// picker nor a dropped folder, so their logic is pinned here.
import { describe, expect, it } from 'vitest';
import { chooseRunFolder, filesFromDirectory, filesFromEntry } from '../../src/app/actions/folderWalk';

type Tree = { [name: string]: Tree | string };

/** A FileSystemDirectoryHandle over a tree of names (string leaves are file contents). */
function dirHandle(name: string, tree: Tree): FileSystemDirectoryHandle {
  return {
    kind: 'directory',
    name,
    async *values() {
      for (const [n, v] of Object.entries(tree)) {
        yield typeof v === 'string'
          ? { kind: 'file', name: n, getFile: async () => new File([v], n) }
          : dirHandle(n, v);
      }
    },
  } as unknown as FileSystemDirectoryHandle;
}

/** A FileSystemDirectoryEntry whose reader hands out entries in batches, as browsers do. */
function dirEntry(name: string, tree: Tree, batch = 2): FileSystemDirectoryEntry {
  const entries = Object.entries(tree).map(([n, v]) => (typeof v === 'string'
    ? { isFile: true, isDirectory: false, name: n, file: (ok: (f: File) => void) => ok(new File([v], n)) }
    : dirEntry(n, v, batch)));
  return {
    isFile: false,
    isDirectory: true,
    name,
    createReader() {
      let at = 0;
      return {
        readEntries(ok: (e: unknown[]) => void) {
          ok(entries.slice(at, at + batch));
          at += batch;
        },
      };
    },
  } as unknown as FileSystemDirectoryEntry;
}

const run: Tree = {
  'RAW-R0450-LPD01-S00000.h5': 'b',
  'RAW-R0450-DA01-S00000.h5': 'a',
  'notes.txt': 'not data',
  'karabo_data_map.json': '{}',
  nested: { 'RAW-R0450-LPD00-S00000.h5': 'c' },
};

describe('folder walks', () => {
  it('finds every .h5 file below a picked folder, sorted, and nothing else', async () => {
    const files = await filesFromDirectory(dirHandle('r0450', run));
    expect(files.map((f) => f.name)).toEqual(['RAW-R0450-DA01-S00000.h5', 'RAW-R0450-LPD00-S00000.h5', 'RAW-R0450-LPD01-S00000.h5']);
    expect(await files[0].text()).toBe('a');
  });

  it('reads a dropped folder through every readEntries batch', async () => {
    const files = await filesFromEntry(dirEntry('r0450', run));
    expect(files.map((f) => f.name).sort()).toEqual(['RAW-R0450-DA01-S00000.h5', 'RAW-R0450-LPD00-S00000.h5', 'RAW-R0450-LPD01-S00000.h5']);
  });
});

describe('the folder picker', () => {
  it('returns the picked folder, asking for read access', async () => {
    const picked = dirHandle('r0450', run);
    let options: unknown;
    const dir = await chooseRunFolder({ showDirectoryPicker: async (o) => { options = o; return picked; } });
    expect(dir).toBe(picked);
    expect(options).toMatchObject({ mode: 'read' });
  });

  it('treats closing the picker as no choice, and other failures as errors', async () => {
    const abort = Object.assign(new Error('closed'), { name: 'AbortError' });
    expect(await chooseRunFolder({ showDirectoryPicker: () => Promise.reject(abort) })).toBeNull();
    await expect(chooseRunFolder({ showDirectoryPicker: () => Promise.reject(new Error('denied')) })).rejects.toThrow('denied');
    await expect(chooseRunFolder({})).rejects.toThrow(/no folder picker/);
  });
});
