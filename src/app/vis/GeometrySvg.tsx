// inspect()/compare() drawing data as SVG: tiles, Q1M1/T labels, first-pixel markers,
// first-row lines, the centre cross and compare arrows, with ticked axes.
import type { GeometryDrawing } from '../../worker/api';

type Point = [number, number];
const W = 720;
const H = 720;
const M = { left: 70, right: 20, top: 36, bottom: 50 };

function ticks([a, b]: Point, n = 6): number[] {
  const lo = Math.min(a, b);
  const hi = Math.max(a, b);
  const raw = (hi - lo) / n;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((k) => k * mag).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi; t += step) out.push(Number(t.toPrecision(10)));
  return out;
}

/** `lookingIntoBeam` mirrors x: EXtra-geom draws the front view, x running right to left. */
export function GeometrySvg({ drawing, lookingIntoBeam }: { drawing: GeometryDrawing; lookingIntoBeam: boolean }) {
  const xlim: Point = lookingIntoBeam ? [drawing.xlim[1], drawing.xlim[0]] : drawing.xlim;
  const { ylim } = drawing;
  const pw = W - M.left - M.right;
  const ph = H - M.top - M.bottom;
  const sx = (x: number) => M.left + ((x - xlim[0]) / (xlim[1] - xlim[0])) * pw;
  const sy = (y: number) => M.top + ((ylim[1] - y) / (ylim[1] - ylim[0])) * ph;
  const path = (pts: Point[]) => pts.map(([x, y], i) => `${i ? 'L' : 'M'}${sx(x).toFixed(1)},${sy(y).toFixed(1)}`).join('') + 'Z';
  const fmt = (v: number) => (drawing.units === 'm' ? v.toFixed(2) : String(v));
  return (
    <svg width={W} height={H} role="img" aria-label={drawing.title}>
      <text x={W / 2} y={20} textAnchor="middle" fontWeight={600}>{drawing.title}</text>
      <rect x={M.left} y={M.top} width={pw} height={ph} fill="none" stroke="#999" />
      {ticks(xlim).map((t) => (
        <g key={`x${t}`}>
          <line x1={sx(t)} x2={sx(t)} y1={M.top + ph} y2={M.top + ph + 5} stroke="#666" />
          <text x={sx(t)} y={M.top + ph + 18} textAnchor="middle" fontSize={11}>{fmt(t)}</text>
        </g>
      ))}
      {ticks(ylim).map((t) => (
        <g key={`y${t}`}>
          <line x1={M.left - 5} x2={M.left} y1={sy(t)} y2={sy(t)} stroke="#666" />
          <text x={M.left - 8} y={sy(t) + 4} textAnchor="end" fontSize={11}>{fmt(t)}</text>
        </g>
      ))}
      <text x={M.left + pw / 2} y={H - 10} textAnchor="middle" fontSize={12}>{drawing.xlabel}</text>
      <text x={16} y={M.top + ph / 2} textAnchor="middle" fontSize={12} transform={`rotate(-90 16 ${M.top + ph / 2})`}>{drawing.ylabel}</text>
      <g>
        {drawing.tiles.map((t) => (
          <path key={`${t.module}-${t.tile}`} d={path(t.polygon)} fill="#dbe7f7" stroke="#4a6fa5" strokeWidth={0.8} data-module={t.module} />
        ))}
      </g>
      {drawing.firstRows.map(([a, b], i) => (
        <line key={`r${i}`} x1={sx(a[0])} y1={sy(a[1])} x2={sx(b[0])} y2={sy(b[1])} stroke="#1b7f3a" strokeDasharray="2 2" />
      ))}
      {drawing.firstPixels.map(([x, y], i) => (
        <path key={`p${i}`} d={`M${sx(x) - 4},${sy(y) - 4}l8,8M${sx(x) - 4},${sy(y) + 4}l8,-8`} stroke="#c0392b" strokeWidth={1.5} />
      ))}
      {drawing.centreCross.map(([a, b], i) => (
        <line key={`c${i}`} x1={sx(a[0])} y1={sy(a[1])} x2={sx(b[0])} y2={sy(b[1])} stroke="#000" />
      ))}
      {drawing.arrows.map((a, i) => <path key={`a${i}`} d={path(a.polygon)} fill="#e67e22" fillOpacity={0.8} stroke="none" />)}
      {drawing.labels.map((l, i) => (
        <text key={`l${i}`} x={sx(l.x)} y={sy(l.y) + 4} textAnchor="middle"
          fontSize={l.kind === 'module' ? 13 : 9} fontWeight={l.kind === 'module' ? 700 : 400} fill={l.kind === 'module' ? '#111' : '#555'}>
          {l.text}
        </text>
      ))}
      {drawing.note && <text x={M.left + pw - 6} y={M.top + ph - 8} textAnchor="end" fontSize={12}>{drawing.note}</text>}
      <g fontSize={11} transform={`translate(${M.left + 8}, ${M.top + 14})`}>
        <path d="M0,-4l8,8M0,4l8,-8" stroke="#c0392b" strokeWidth={1.5} /><text x={14} y={4}>First pixel</text>
        <line x1={0} x2={10} y1={16} y2={16} stroke="#1b7f3a" strokeDasharray="2 2" /><text x={14} y={20}>First row</text>
      </g>
    </svg>
  );
}
