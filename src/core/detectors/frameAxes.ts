// Names of a frame's axes, told from its number of dimensions as EXtra-data does:
// raw files store a spurious length-1 axis first, which is dropped.

export interface FrameAxes {
  /** The frame shape without the spurious axis. */
  shape: number[];
  dims: string[];
  /** True when the stored entry has the spurious leading axis. */
  squeezed: boolean;
}

/** Per-frame data (`image.*`): (planes, ss, fs), (ss, fs) or one value. */
export function frameAxes(entryShape: readonly number[]): FrameAxes {
  const squeezed = entryShape.length >= 1 && entryShape[0] === 1;
  const shape = squeezed ? entryShape.slice(1) : [...entryShape];
  const dims =
    shape.length === 3 ? ['data_gain', 'slow_scan', 'fast_scan']
    : shape.length === 2 ? ['slow_scan', 'fast_scan']
    : shape.map((_, i) => `dim_${i}`);
  return { shape, dims, squeezed };
}

/** Per-train data (header, trailer, detector): generic axis names. */
export function entryDims(entryShape: readonly number[]): string[] {
  return entryShape.map((_, i) => `dim_${i}`);
}
