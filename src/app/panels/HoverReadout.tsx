// Under the mouse: module, ss, fs, value and physical x/y. The module/ss/fs of each image
// pixel come from an assembled index image, fetched once per geometry.
import { useEffect, useRef, useState } from 'react';
import { api } from '../../worker/client';
import type { FrameResult } from '../../worker/api';

export interface HoverInfo {
  module: number;
  ss: number;
  fs: number;
  value: number;
  x?: number;
  y?: number;
}

export function useHoverReadout(geometryId: number | null, frame: FrameResult | null) {
  const index = useRef<{ index: Float32Array; shape: [number, number]; moduleShape: [number, number] } | null>(null);
  const [info, setInfo] = useState<HoverInfo | null>(null);
  const asked = useRef(0);

  useEffect(() => {
    index.current = null;
    if (geometryId === null) return;
    api().geometry.pixelIndexImage(geometryId).then((r) => { index.current = r; }).catch(() => { /* no hover readout */ });
  }, [geometryId]);

  const onHover = (col: number, row: number) => {
    const ix = index.current;
    if (!ix || !frame || ix.shape[1] !== frame.shape[1]) return;
    const i = row * ix.shape[1] + col;
    const flat = ix.index[i];
    if (!(flat >= 0)) return setInfo(null); // a gap between tiles
    const [ss, fs] = ix.moduleShape;
    const module = Math.floor(flat / (ss * fs));
    const rest = flat % (ss * fs);
    const hit: HoverInfo = { module, ss: Math.floor(rest / fs), fs: rest % fs, value: frame.image[i] };
    setInfo(hit);
    const ticket = ++asked.current;
    api().geometry.pixelPosition(geometryId!, hit.module, hit.ss, hit.fs).then((p) => {
      if (ticket === asked.current) setInfo({ ...hit, x: p.x, y: p.y });
    }).catch(() => { /* position stays blank */ });
  };

  return { info, onHover, onLeave: () => setInfo(null) };
}

export function HoverReadout({ hover }: { hover: HoverInfo | null }) {
  const mm = (v?: number) => (v === undefined ? '…' : `${(v * 1e3).toFixed(2)} mm`);
  return (
    <div className="hover-readout mono" data-testid="hover-readout">
      {hover
        ? `module ${hover.module}  ss ${hover.ss}  fs ${hover.fs}  value ${hover.value}  x ${mm(hover.x)}  y ${mm(hover.y)}`
        : 'Hover over the image for module, ss, fs, value and position'}
    </div>
  );
}
