// Finding a run's files: the folder picker and the walk below a directory handle.
// Kept free of the page and the worker so Node tests can drive them with stub handles.

export const isH5 = (f: { name: string }) => /\.h5$/i.test(f.name);

export interface FolderPickerHost {
  showDirectoryPicker?: (options?: object) => Promise<FileSystemDirectoryHandle>;
}

/** The folder the user picks, or null when they close the picker. */
export async function chooseRunFolder(host: FolderPickerHost): Promise<FileSystemDirectoryHandle | null> {
  if (!host.showDirectoryPicker) throw new Error('This browser has no folder picker: use “Choose folder” or drop the folder');
  try {
    return await host.showDirectoryPicker({ mode: 'read', id: 'xfel-run' });
  } catch (e) {
    if ((e as DOMException).name === 'AbortError') return null;
    throw e;
  }
}

/** Every .h5 file below a directory handle (a run folder is flat; a proposal has raw/rNNNN/), sorted by name. */
export async function filesFromDirectory(dir: FileSystemDirectoryHandle): Promise<File[]> {
  const out: File[] = [];
  for await (const entry of (dir as unknown as { values(): AsyncIterable<FileSystemHandle> }).values()) {
    if (entry.kind === 'file' && isH5(entry)) out.push(await (entry as FileSystemFileHandle).getFile());
    else if (entry.kind === 'directory') out.push(...(await filesFromDirectory(entry as FileSystemDirectoryHandle)));
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

/** Every .h5 file below a dropped folder (the older entries API that drops give). */
export async function filesFromEntry(dir: FileSystemDirectoryEntry): Promise<File[]> {
  const reader = dir.createReader();
  const entries: FileSystemEntry[] = [];
  // readEntries returns at most 100 entries per call: read until it returns none.
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((res, rej) => reader.readEntries(res, rej));
    if (!batch.length) break;
    entries.push(...batch);
  }
  const out: File[] = [];
  for (const e of entries) {
    if (e.isFile && isH5(e)) out.push(await new Promise<File>((res, rej) => (e as FileSystemFileEntry).file(res, rej)));
    else if (e.isDirectory) out.push(...(await filesFromEntry(e as FileSystemDirectoryEntry)));
  }
  return out;
}
