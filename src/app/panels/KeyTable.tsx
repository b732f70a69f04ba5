// One source's keys with dtype, per-train shape and data counts (read when the source opens).
import { useEffect, useState } from 'react';
import { api } from '../../worker/client';
import type { KeyInfo } from '../../worker/api';
import { useViewer } from '../store/viewerStore';

interface Props {
  source: string;
  keys: string[];
  onChoose: (key: string) => void;
  onOverlay: (key: string) => void;
}

export function KeyTable({ source, keys, onChoose, onOverlay }: Props) {
  const runId = useViewer((s) => s.run?.runId);
  const chosen = useViewer((s) => (s.source === source ? s.key : null));
  const [infos, setInfos] = useState<Record<string, KeyInfo>>({});

  useEffect(() => {
    if (runId === undefined) return;
    let live = true;
    api().keyInfos(runId, source, keys).then((list) => {
      if (live) setInfos(Object.fromEntries(list.map((k) => [k.key, k])));
    }).catch(() => { /* the table still lists the keys without details */ });
    return () => { live = false; };
  }, [runId, source, keys]);

  return (
    <table className="data keys">
      <thead><tr><th>Key</th><th>dtype</th><th>shape</th><th title="trains with data">trains</th><th /></tr></thead>
      <tbody>
        {keys.map((k) => {
          const info = infos[k];
          return (
            <tr key={k} data-testid="key-row" data-key={k} className={`clickable ${chosen === k ? 'selected' : ''}`}
              onClick={(e) => { e.stopPropagation(); onChoose(k); }}>
              <td className="mono">{k}</td>
              <td>{info?.dtype ?? ''}</td>
              <td>{info ? `(${info.shape.join(', ')})` : ''}</td>
              <td className="num">{info?.trainsWithData ?? ''}</td>
              <td>
                <button title="Overlay in the Series panel" onClick={(e) => { e.stopPropagation(); onOverlay(k); }}>+</button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
