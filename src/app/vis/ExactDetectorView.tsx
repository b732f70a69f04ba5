// The exact geometry: each tile's pixels drawn at the tile's true position and orientation
// (one affine-transformed image per tile), front view as EXtra-geom draws it.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { TileInfo } from '../../worker/api';
import { colormapLut } from './colormaps';
import { colorize } from './heatmap2d';
import type { HoverInfo } from '../panels/HoverReadout';

interface Props {
  modules: Float32Array | null;
  moduleShape: [number, number];
  tiles: TileInfo[];
  domain: [number, number];
  log: boolean;
  colormap: string;
  valuesKey: string;
  wantedKey: string;
  /** The largest size on screen (CSS px); the aspect ratio is kept. */
  maxWidth: number;
  maxHeight: number;
  onHover: (info: HoverInfo | null) => void;
}

/** The tiles' extent in metres: [xmin, xmax, ymin, ymax]. */
function extent(tiles: TileInfo[]): [number, number, number, number] {
  const xs: number[] = [];
  const ys: number[] = [];
  for (const t of tiles) {
    for (const [a, b] of [[0, 0], [t.fsPixels, 0], [0, t.ssPixels], [t.fsPixels, t.ssPixels]]) {
      xs.push(t.cornerPos[0] + a * t.fsVec[0] + b * t.ssVec[0]);
      ys.push(t.cornerPos[1] + a * t.fsVec[1] + b * t.ssVec[1]);
    }
  }
  return [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
}

export function ExactDetectorView(p: Props) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [painted, setPainted] = useState<string | null>(null);
  const box = useMemo(() => extent(p.tiles), [p.tiles]);
  // screen px per metre
  const k = Math.min(p.maxWidth / Math.max(box[1] - box[0], 1e-9), p.maxHeight / Math.max(box[3] - box[2], 1e-9));
  const width = Math.ceil((box[1] - box[0]) * k);
  const height = Math.ceil((box[3] - box[2]) * k);

  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx || !p.modules || !p.tiles.length) return;
    const [ss, fs] = p.moduleShape;
    const rgba = new Uint8ClampedArray(p.modules.length * 4);
    colorize(p.modules, { domain: p.domain, log: p.log, lut: colormapLut(p.colormap) }, rgba, false);
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, ctx.canvas.width, ctx.canvas.height);
    ctx.imageSmoothingEnabled = false;
    const tileCanvas = document.createElement('canvas');
    const tctx = tileCanvas.getContext('2d')!;
    for (const t of p.tiles) {
      tileCanvas.width = t.fsPixels;
      tileCanvas.height = t.ssPixels;
      const img = tctx.createImageData(t.fsPixels, t.ssPixels);
      for (let r = 0; r < t.ssPixels; r++) {
        const from = ((t.module * ss + t.origin[0] + r) * fs + t.origin[1]) * 4;
        img.data.set(rgba.subarray(from, from + t.fsPixels * 4), r * t.fsPixels * 4);
      }
      tctx.putImageData(img, 0, 0);
      // Tile pixel (fs, ss) → metres: corner + fs·fsVec + ss·ssVec → screen, x running right to left.
      ctx.setTransform(
        -k * t.fsVec[0], -k * t.fsVec[1], -k * t.ssVec[0], -k * t.ssVec[1],
        k * (box[1] - t.cornerPos[0]), k * (box[3] - t.cornerPos[1]),
      );
      ctx.drawImage(tileCanvas, 0, 0);
    }
    setPainted(p.valuesKey);
  }, [p.modules, p.tiles, p.domain[0], p.domain[1], p.log, p.colormap, p.valuesKey, k, box]);

  /** Screen point → the tile pixel under it (inverting each tile's transform) → readout. */
  const onMove = (e: React.MouseEvent<HTMLCanvasElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    const x = box[1] - (e.clientX - r.left) / k;
    const y = box[3] - (e.clientY - r.top) / k;
    const [ss, fs] = p.moduleShape;
    for (const t of p.tiles) {
      const [a, b] = [x - t.cornerPos[0], y - t.cornerPos[1]];
      const det = t.fsVec[0] * t.ssVec[1] - t.fsVec[1] * t.ssVec[0];
      const f = Math.floor((a * t.ssVec[1] - b * t.ssVec[0]) / det);
      const s = Math.floor((b * t.fsVec[0] - a * t.fsVec[1]) / det);
      if (f < 0 || s < 0 || f >= t.fsPixels || s >= t.ssPixels) continue;
      const [mss, mfs] = [t.origin[0] + s, t.origin[1] + f];
      p.onHover({ module: t.module, ss: mss, fs: mfs, value: p.modules?.[(t.module * ss + mss) * fs + mfs] ?? NaN, x, y });
      return;
    }
    p.onHover(null);
  };

  return (
    <div className="image-view">
      <canvas ref={canvas} width={width} height={height} onMouseMove={onMove} onMouseLeave={() => p.onHover(null)} data-testid="detector-image"
        data-ready={String(painted === p.wantedKey && p.valuesKey === p.wantedKey && !!p.modules)} data-renderer="exact-tiles" />
    </div>
  );
}
