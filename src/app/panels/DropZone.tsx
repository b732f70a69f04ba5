// Dropping a run folder or .h5 files anywhere on the page opens them.
import { useState, type ReactNode } from 'react';
import { filesFromDrop, openFiles } from '../actions/openRun';
import { reportError } from '../store/viewerStore';

export function DropZone({ children }: { children: ReactNode }) {
  const [over, setOver] = useState(false);
  const onDrop = async (e: React.DragEvent) => {
    e.preventDefault();
    setOver(false);
    try {
      const { files, name } = await filesFromDrop(e.dataTransfer);
      await openFiles(files, name);
    } catch (err) {
      reportError(err);
    }
  };
  return (
    <div
      data-testid="drop-zone"
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={(e) => {
        if (e.currentTarget === e.target) setOver(false);
      }}
      onDrop={(e) => void onDrop(e)}
    >
      {children}
      {over && <div className="drop-overlay">Drop a run folder or .h5 files to open them</div>}
    </div>
  );
}
