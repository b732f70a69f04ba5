// Recently opened run folders: their directory handles kept in IndexedDB, reopened with one
// click (the browser asks for read permission again).
import { get, set } from 'idb-keyval';

const KEY = 'xfel-recent-runs';
const KEEP = 8;

export interface RecentRun {
  name: string;
  handle: FileSystemDirectoryHandle;
  openedAt: number;
}

export async function recentRuns(): Promise<RecentRun[]> {
  return ((await get(KEY)) as RecentRun[] | undefined) ?? [];
}

export async function rememberRun(handle: FileSystemDirectoryHandle): Promise<void> {
  const old = await recentRuns();
  const others = [];
  for (const r of old) if (!(await r.handle.isSameEntry(handle))) others.push(r);
  await set(KEY, [{ name: handle.name, handle, openedAt: Date.now() }, ...others].slice(0, KEEP));
}

/** Read permission for a stored handle: asking needs a user gesture, which the click is. */
export async function ensureReadPermission(handle: FileSystemDirectoryHandle): Promise<boolean> {
  const h = handle as FileSystemDirectoryHandle & {
    queryPermission(o: object): Promise<PermissionState>;
    requestPermission(o: object): Promise<PermissionState>;
  };
  if ((await h.queryPermission({ mode: 'read' })) === 'granted') return true;
  return (await h.requestPermission({ mode: 'read' })) === 'granted';
}
