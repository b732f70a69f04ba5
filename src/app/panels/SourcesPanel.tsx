// Sources and their keys, filtered with select()'s globs ("SA1_* *ixPos*"). Detector modules
// are grouped under their detector; a source's keys show when it is opened.
import { useMemo, useState } from 'react';
import { tableFeatures, useTable, type ColumnDef } from '@tanstack/react-table';
import { sourceKeyFilter } from '../../worker/glob';
import type { SourceRow } from '../../worker/api';
import { useViewer } from '../store/viewerStore';
import { chooseKey, overlayKey } from '../actions/keys';
import { KeyTable } from './KeyTable';

const features = tableFeatures({});

interface Row extends SourceRow {
  matchingKeys: string[];
}

const columns: Array<ColumnDef<typeof features, Row>> = [
  { accessorKey: 'source', header: 'Source' },
  { id: 'kind', accessorFn: (r) => (r.kind === 'control' ? 'ctrl' : 'inst'), header: '' },
  { id: 'keys', accessorFn: (r) => r.matchingKeys.length, header: 'Keys' },
];

export function SourcesPanel() {
  const sources = useViewer((s) => s.sources);
  const selected = useViewer((s) => s.source);
  const [filter, setFilter] = useState('');
  const [open, setOpen] = useState<string | null>(null);
  const [collapsed, setCollapsed] = useState<Record<string, boolean>>({});

  const data = useMemo(() => {
    const match = sourceKeyFilter(filter);
    return sources
      .map((s) => ({ ...s, matchingKeys: s.keys.filter((k) => match(s.source, k)) }))
      .filter((s) => match(s.source) && s.matchingKeys.length > 0);
  }, [sources, filter]);

  const table = useTable({ features, columns, data });
  if (!sources.length) return null;

  let lastGroup: string | null = null;
  return (
    <div>
      <h2>Sources &amp; keys</h2>
      <input type="text" placeholder="filter: source-glob [key-glob]" value={filter} style={{ width: '100%' }}
        data-testid="source-filter" onChange={(e) => setFilter(e.target.value)} />
      <table className="data sources">
        <thead>
          {table.getHeaderGroups().map((g) => (
            <tr key={g.id}>{g.headers.map((h) => <th key={h.id}>{String(h.column.columnDef.header ?? '')}</th>)}</tr>
          ))}
        </thead>
        <tbody>
          {table.getRowModel().rows.flatMap((row) => {
            const r = row.original;
            const out: React.JSX.Element[] = [];
            const group = r.detector;
            if (group && group !== lastGroup) {
              out.push(
                <tr key={`g-${group}`} className="source-group clickable"
                  onClick={() => setCollapsed((c) => ({ ...c, [group]: !c[group] }))}>
                  <td colSpan={3}>{collapsed[group] ? '▸' : '▾'} {group} (detector modules)</td>
                </tr>,
              );
            }
            lastGroup = group;
            if (group && collapsed[group]) return out;
            const isOpen = open === r.source || (filter.includes(' ') && data.length <= 3);
            out.push(
              <tr key={r.source} data-testid="source-row" data-source={r.source}
                className={`clickable ${selected === r.source ? 'selected' : ''}`}
                onClick={() => setOpen(open === r.source ? null : r.source)}>
                {row.getAllCells().map((c) => (
                  <td key={c.id} className={c.column.id === 'source' ? 'mono' : 'num'}>
                    {c.column.id === 'source' ? `${isOpen ? '▾' : '▸'} ${r.source}` : String(c.getValue())}
                  </td>
                ))}
              </tr>,
            );
            if (isOpen) {
              out.push(
                <tr key={`${r.source}-keys`}>
                  <td colSpan={3}>
                    <KeyTable source={r.source} keys={r.matchingKeys} onChoose={(k) => chooseKey(r.source, k)} onOverlay={(k) => overlayKey(r.source, k)} />
                  </td>
                </tr>,
              );
            }
            return out;
          })}
        </tbody>
      </table>
    </div>
  );
}
