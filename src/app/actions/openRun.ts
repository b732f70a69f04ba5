// Opening runs: from a folder picker, inputs, a drop, the demo run or a recent folder.
// Only the files' handles travel to the worker; it reads them lazily (WORKERFS).
import { api, callback, restartWorker } from '../../worker/client';
import { applyHashToRun, parseHash } from '../store/urlHash';
import { freshView, getState, reportError } from '../store/viewerStore';
import { startTask } from './tasks';
import { rememberRun } from './recentRuns';
import { chooseDetector } from './detector';
import { chooseRunFolder, filesFromDirectory, filesFromEntry, isH5, type FolderPickerHost } from './folderWalk';
import { stallWatch } from './stallWatch';

/** Opens a set of files as one run; errors go to the banner and leave the app usable. */
export async function openFiles(files: File[], name: string): Promise<void> {
  const h5 = files.filter(isH5);
  if (!h5.length) {
    reportError(new Error(`${name}: no .h5 files among the ${files.length} chosen`));
    return;
  }
  const previous = getState().run;
  // Read now: the store rewrites the hash as soon as the new run is in it.
  const wanted = parseHash(location.hash);
  const label = `Opening ${name}: reading METADATA and INDEX`;
  let reading = { done: 0, next: 'the first file' };
  let stuck = false;
  const watch = stallWatch(OPEN_STALL_MS,
    () => `Opening ${name}: ${reading.next} gave no answer for ${OPEN_STALL_MS / 1000} s after ${reading.done} of ${h5.length} files; the worker was restarted. Open the run without that file, or check it with xfel-validate.`,
    () => {
      stuck = true;
      restartWorker();
    });
  // Cancel stops opening between files (the worker hears of it in the answer to its next
  // progress report); a worker stuck inside one file is restarted instead. The row stays
  // ("cancelling") until the open has stopped.
  const task = startTask(label, () => {
    watch.giveUpIn(CANCEL_GRACE_MS, () => Object.assign(new Error(`opening ${name} stopped inside ${reading.next} (the worker was restarted)`), { name: 'AbortError' }));
  }, { untilEnd: true });
  task.update(0, h5.length);
  const onProgress = callback((done: number, total: number, next?: string) => {
    watch.feed();
    reading = { done, next: next ?? 'the run' };
    task.update(done, total);
    return task.cancelled;
  });
  try {
    if (previous) await api().closeRun(previous.runId);
    const run = await Promise.race([api().openRun(h5, name, onProgress), watch.stalled]);
    watch.stop();
    if (task.cancelled) {
      // Cancel came after the last file's report: the run opened, but was not wanted.
      await api().closeRun(run.runId);
      throw Object.assign(new Error(`opening ${name} was cancelled`), { name: 'AbortError' });
    }
    const sources = await api().sources(run.runId);
    freshView({ run, sources, trainId: run.trainIds[0] ?? null, errors: run.warnings.length ? run.warnings : [] });
    task.end(); // open: what follows (the URL hash's view, the detector) is quick
    applyHashToRun(wanted, name, run.trainIds);
    await chooseDetector(run.detectors[0]?.name ?? null);
  } catch (e) {
    if (e instanceof Error && e.name === 'AbortError') freshView({ errors: [`Cancelled: ${e.message}`] });
    // The restarted worker has no runs: nothing stays open
    else if (stuck) freshView({ errors: [e instanceof Error ? e.message : String(e)] });
    else reportError(e);
  } finally {
    watch.stop();
    task.end();
  }
}

/** No progress while opening for this long: a file holds the worker (one file's METADATA and INDEX take milliseconds). */
const OPEN_STALL_MS = 60_000;
/** After Cancel, how long a worker may take to reach the check between files. */
const CANCEL_GRACE_MS = 5_000;

/** The folder a webkitdirectory input's files came from. */
export function folderName(files: File[]): string {
  const rel = (files[0] as File & { webkitRelativePath?: string })?.webkitRelativePath ?? '';
  return rel.split('/')[0] || files[0]?.name || 'run';
}

export async function openDirectoryHandle(dir: FileSystemDirectoryHandle): Promise<void> {
  try {
    const files = await filesFromDirectory(dir);
    await rememberRun(dir);
    await openFiles(files, dir.name);
  } catch (e) {
    reportError(e);
  }
}

/** "Open run folder…": the File System Access picker (Chromium-based browsers). */
export async function pickFolder(): Promise<void> {
  const dir = await chooseRunFolder(window as unknown as FolderPickerHost);
  if (dir) await openDirectoryHandle(dir);
}

/** Files and folders dropped anywhere on the page. */
export async function filesFromDrop(dt: DataTransfer): Promise<{ files: File[]; name: string }> {
  const entries = [...dt.items].map((i) => i.webkitGetAsEntry?.()).filter((e): e is FileSystemEntry => !!e);
  const dirs = entries.filter((e) => e.isDirectory) as FileSystemDirectoryEntry[];
  if (dirs.length) {
    const files = (await Promise.all(dirs.map(filesFromEntry))).flat();
    return { files, name: dirs[0].name };
  }
  const files = [...dt.files];
  return { files, name: commonRunName(files) };
}

/** "r0450" from RAW-R0450-DA01-S00000.h5, else the first file's name. */
export function commonRunName(files: File[]): string {
  const m = files.map((f) => /-R(\d{4})-/i.exec(f.name)?.[1]).find(Boolean);
  return m ? `r${m}` : files[0]?.name ?? 'files';
}

/** The synthetic run the build writes into public/demo/, fetched into Files. */
export async function openDemoRun(): Promise<void> {
  const task = startTask('Fetching the demo run', () => {});
  try {
    const base = new URL('demo/', document.baseURI);
    const res = await fetch(new URL('manifest.json', base));
    if (!res.ok) throw new Error(`No demo run here (demo/manifest.json: HTTP ${res.status}); run \`npm run demo\``);
    const manifest = await res.json();
    const names: string[] = (Array.isArray(manifest) ? manifest : manifest.files ?? []).map(
      (f: string | { name?: string; filename?: string }) => (typeof f === 'string' ? f : f.name ?? f.filename ?? ''),
    );
    const files: File[] = [];
    for (const [i, name] of names.entries()) {
      if (task.cancelled) return;
      task.update(i, names.length);
      const blob = await (await fetch(new URL(name, base))).blob();
      files.push(new File([blob], name.split('/').pop()!));
    }
    task.end();
    if (!task.cancelled) await openFiles(files, 'demo');
  } catch (e) {
    reportError(e);
  } finally {
    task.end();
  }
}
