// The pixel-value histogram under the contrast controls, with the chosen limits marked.
import type { ImageStats } from '../../worker/api';

export function Histogram({ stats, domain, log }: { stats: ImageStats; domain: [number, number]; log: boolean }) {
  const w = 240;
  const h = 50;
  const counts = [...stats.histogram];
  const f = (c: number) => (log ? Math.log1p(c) : c);
  const top = Math.max(1, ...counts.map(f));
  const bw = w / counts.length;
  const xOf = (v: number) => ((v - stats.min) / Math.max(stats.max - stats.min, 1e-12)) * w;
  return (
    <svg width={w} height={h} className="histogram" aria-label="pixel value histogram">
      {counts.map((c, i) => (
        <rect key={i} x={i * bw} y={h - (f(c) / top) * h} width={Math.max(bw - 0.5, 0.5)} height={(f(c) / top) * h} fill="#8aa4c8" />
      ))}
      {domain.map((d, i) => (
        <line key={i} x1={xOf(d)} x2={xOf(d)} y1={0} y2={h} stroke="#b42318" strokeWidth={1.5} />
      ))}
    </svg>
  );
}
