// Ways in: folder picker, folder/file inputs, the demo run and recent folders.
import { useEffect, useState } from 'react';
import { folderName, openDemoRun, openDirectoryHandle, openFiles, commonRunName, pickFolder } from '../actions/openRun';
import { ensureReadPermission, recentRuns, type RecentRun } from '../actions/recentRuns';
import { reportError, useViewer } from '../store/viewerStore';

const hasPicker = typeof window !== 'undefined' && 'showDirectoryPicker' in window;

export function OpenPanel() {
  const run = useViewer((s) => s.run);
  const [recent, setRecent] = useState<RecentRun[]>([]);
  useEffect(() => {
    recentRuns().then(setRecent).catch(() => setRecent([]));
  }, [run]);

  const fromInput = (e: React.ChangeEvent<HTMLInputElement>, folder: boolean) => {
    const files = [...(e.target.files ?? [])];
    e.target.value = ''; // choosing the same folder again must fire a change
    if (files.length) void openFiles(files, folder ? folderName(files) : commonRunName(files));
  };

  const reopen = async (r: RecentRun) => {
    try {
      if (await ensureReadPermission(r.handle)) await openDirectoryHandle(r.handle);
    } catch (e) {
      reportError(e);
    }
  };

  return (
    <div>
      <div className="open-buttons">
        {hasPicker && (
          <button className="primary" data-testid="open-folder" onClick={() => pickFolder().catch(reportError)}>
            Open run folder…
          </button>
        )}
        <label className="button">
          Choose folder (upload-free)…
          <input className="visually-hidden" type="file" data-testid="folder-input"
            {...{ webkitdirectory: '', directory: '' }} onChange={(e) => fromInput(e, true)} />
        </label>
        <label className="button">
          Open .h5 files…
          <input className="visually-hidden" type="file" multiple accept=".h5" data-testid="file-input"
            onChange={(e) => fromInput(e, false)} />
        </label>
        <button data-testid="demo-run" onClick={() => void openDemoRun()}>Open demo run</button>
      </div>
      <p className="muted">Or drop a run folder or files anywhere. Files are read on this computer; nothing is uploaded.</p>
      {recent.length > 0 && (
        <>
          <h2>Recent runs</h2>
          <ul>
            {recent.map((r) => (
              <li key={r.openedAt}>
                <button onClick={() => void reopen(r)} title={new Date(r.openedAt).toLocaleString()}>{r.name}</button>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
