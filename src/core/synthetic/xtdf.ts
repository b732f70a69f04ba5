// Multi-module detector files (AGIPD, LPD, DSSC) in the XTDF layout: per module one
// instrument source '<detector>/<m>CH0:xtdf' with index groups detector, header, image
// (one row per frame) and trailer. Values follow the fixtures' deterministic rules.
import type { IndexGroupSpec, InstrumentSourceSpec } from './euxfelFile';
import type { DeviceContext } from './devices';

export type XtdfDetectorType = 'AGIPD' | 'LPD' | 'DSSC';

export interface XtdfDetectorFacts {
  /** Default device prefix of the module sources. */
  sourcePrefix: string;
  /** Raw frame: [gain/data planes, ss, fs]. */
  frameShape: [number, number, number];
  /** Bytes of detector.data per train. */
  detectorDataSize: number;
  pulseId: (p: number) => number;
}

export const XTDF_DETECTORS: Record<XtdfDetectorType, XtdfDetectorFacts> = {
  AGIPD: { sourcePrefix: 'SPB_DET_AGIPD1M-1/DET', frameShape: [2, 512, 128], detectorDataSize: 5408, pulseId: (p) => 4 + 8 * p },
  LPD: { sourcePrefix: 'FXE_DET_LPD1M-1/DET', frameShape: [1, 256, 256], detectorDataSize: 416, pulseId: (p) => 2 * p },
  DSSC: { sourcePrefix: 'SCS_DET_DSSC1M-1/DET', frameShape: [1, 128, 512], detectorDataSize: 416, pulseId: (p) => 1 + 10 * p },
};

/** Where one frame sits: fill `out` (planes × ss × fs, C order) for it. */
export interface FrameContext {
  module: number;
  trainId: number;
  toff: number;
  pulse: number;
  frameShape: [number, number, number];
}

export type FrameFiller = (out: Uint16Array, ctx: FrameContext) => void;
export type MaskFiller = (out: Uint32Array, ctx: FrameContext) => void;

export interface XtdfModuleOptions {
  type: XtdfDetectorType;
  module: number;
  framesPerTrain: number;
  sourcePrefix?: string;
  /** Trains of this file that have an entry with 0 frames. */
  emptyTrainIds?: ReadonlySet<number>;
  /** gzip level for image.data (0 = uncompressed, as real raw data). */
  gzip?: number;
  fillFrame?: FrameFiller;
  maskFrame?: MaskFiller;
}

const XTDF_MAGIC = new Int8Array([88, 84, 68, 70, 0, 0, 0, 0]); // "XTDF\0\0\0\0"
const LINK_ID = 18446744069414584335n;

export function xtdfSourceName(type: XtdfDetectorType, module: number, prefix = XTDF_DETECTORS[type].sourcePrefix): string {
  return `${prefix}/${module}CH0:xtdf`;
}

/** The module's source for the trains of one file. */
export function xtdfModuleSource(opts: XtdfModuleOptions, ctx: DeviceContext): InstrumentSourceSpec {
  const facts = XTDF_DETECTORS[opts.type];
  const toffs = ctx.trainIds.map((t) => t - ctx.firstTrainId);
  const frames = ctx.trainIds.map((t) => (opts.emptyTrainIds?.has(t) ? 0 : opts.framesPerTrain));
  const perTrain = (): IndexGroupSpec['counts'] => ctx.trainIds.map(() => 1);
  const n = ctx.trainIds.length;
  return {
    kind: 'instrument',
    name: xtdfSourceName(opts.type, opts.module, opts.sourcePrefix),
    groups: {
      detector: {
        counts: perTrain(),
        keys: { data: { value: { data: perTrainBytes(toffs, facts.detectorDataSize, 256, Uint8Array), shape: [n, facts.detectorDataSize], dtype: 'uint8' } } },
      },
      header: { counts: perTrain(), keys: headerKeys(toffs, frames) },
      image: { counts: frames, keys: imageKeys(opts, facts, ctx, frames), padRows: false },
      trailer: {
        counts: perTrain(),
        keys: {
          checksum: { value: { data: perTrainBytes(toffs, 16, 100, Int8Array), shape: [n, 16], dtype: 'int8' } },
          magicNumberEnd: { value: { data: tile(XTDF_MAGIC, n), shape: [n, 8], dtype: 'int8' } },
          status: { value: { data: new BigUint64Array(n), shape: [n], dtype: 'uint64' } },
        },
      },
    },
  };
}

function headerKeys(toffs: number[], frames: number[]): IndexGroupSpec['keys'] {
  const n = toffs.length;
  const u8 = (data: BigUint64Array) => ({ value: { data, shape: [n], dtype: 'uint64' as const } });
  const u4 = (v: number) => ({ value: { data: new Uint32Array(n).fill(v), shape: [n], dtype: 'uint32' as const } });
  return {
    dataId: u8(BigUint64Array.from(toffs, BigInt)),
    linkId: u8(new BigUint64Array(n).fill(LINK_ID)),
    magicNumberBegin: { value: { data: tile(XTDF_MAGIC, n), shape: [n, 8], dtype: 'int8' } },
    majorTrainFormatVersion: u4(2),
    minorTrainFormatVersion: u4(1),
    pulseCount: u8(BigUint64Array.from(frames, BigInt)),
    reserved: { value: { data: new Uint8Array(16 * n).fill(7), shape: [n, 16], dtype: 'uint8' } },
  };
}

function imageKeys(opts: XtdfModuleOptions, facts: XtdfDetectorFacts, ctx: DeviceContext, frames: number[]): IndexGroupSpec['keys'] {
  const total = frames.reduce((a, b) => a + b, 0);
  const frameSize = facts.frameShape[0] * facts.frameShape[1] * facts.frameShape[2];
  const data = new Uint16Array(total * frameSize);
  const mask = opts.maskFrame ? new Uint32Array(total * frameSize) : null;
  const trainId = new BigUint64Array(total);
  const pulseId = new BigUint64Array(total);
  const cellId = new Uint16Array(total);
  const fill = opts.fillFrame ?? fixtureFrame;
  let row = 0;
  ctx.trainIds.forEach((tid, i) => {
    for (let p = 0; p < frames[i]; p++, row++) {
      trainId[row] = BigInt(tid);
      pulseId[row] = BigInt(facts.pulseId(p));
      cellId[row] = p;
      const ctxFrame = { module: opts.module, trainId: tid, toff: tid - ctx.firstTrainId, pulse: p, frameShape: facts.frameShape };
      fill(data.subarray(row * frameSize, (row + 1) * frameSize), ctxFrame);
      opts.maskFrame?.(mask!.subarray(row * frameSize, (row + 1) * frameSize), ctxFrame);
    }
  });
  const column = <T extends BigUint64Array | Uint16Array | Uint32Array>(d: T, dtype: 'uint64' | 'uint16' | 'uint32') =>
    ({ value: { data: d, shape: [total, 1], dtype } });
  return {
    cellId: column(cellId, 'uint16'),
    data: { value: { data, shape: [total, ...facts.frameShape], dtype: 'uint16' }, gzip: opts.gzip, chunkRows: 1 },
    length: column(new Uint32Array(total).fill(frameSize * 2), 'uint32'),
    ...(mask ? { mask: { value: { data: mask, shape: [total, ...facts.frameShape], dtype: 'uint32' as const }, chunkRows: 1 } } : {}),
    pulseId: column(pulseId, 'uint64'),
    status: column(new Uint16Array(total), 'uint16'),
    trainId: column(trainId, 'uint64'),
  };
}

/** The fixtures' raw frame: 1000m + 100(toff%10) + 10(p%10) + (ss+fs)%7, +20000 on plane 1. */
export function fixtureFrame(out: Uint16Array, { module, toff, pulse, frameShape: [planes, ss, fs] }: FrameContext): void {
  const base = 1000 * module + 100 * (toff % 10) + 10 * (pulse % 10);
  for (let plane = 0, i = 0; plane < planes; plane++) {
    const planeBase = base + (plane === 1 ? 20000 : 0);
    for (let y = 0; y < ss; y++) for (let x = 0; x < fs; x++) out[i++] = planeBase + ((y + x) % 7);
  }
}

function perTrainBytes<T extends Uint8Array | Int8Array>(toffs: number[], size: number, mod: number, ctor: { new (n: number): T }): T {
  const out = new ctor(toffs.length * size);
  toffs.forEach((t, r) => {
    for (let i = 0; i < size; i++) out[r * size + i] = (i + t) % mod;
  });
  return out;
}

function tile(entry: Int8Array, n: number): Int8Array {
  const out = new Int8Array(entry.length * n);
  for (let i = 0; i < n; i++) out.set(entry, i * entry.length);
  return out;
}
