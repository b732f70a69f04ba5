// A 2D camera (Karabo image source): control keys, and a ':daqOutput' channel with one
// image per train in 'data.image.pixels' plus the image metadata Karabo writes beside it.
import type { InstrumentSourceSpec } from './euxfelFile';
import { deterministicControlSource, type ControlKeyDef } from './controlValues';
import { trainOffsets, type DeviceBuilder } from './devices';

const f4 = (key: string): ControlKeyDef => ({ key, dtype: 'float32' });
const i4 = (key: string): ControlKeyDef => ({ key, dtype: 'int32' });
const u1 = (key: string): ControlKeyDef => ({ key, dtype: 'uint8' });

/** The camera's control keys in sorted order (k = index), as the fixtures have them. */
export const CAMERA_CONTROL_KEYS: ControlKeyDef[] = [
  f4('acquisitionTime'), i4('binningX'), i4('binningY'), i4('coolingLevel'), i4('cropLines'),
  u1('enableBiasCorrection'), u1('enableBurstMode'), u1('enableCooling'), u1('enableCropMode'),
  u1('enableExtTrigger'), u1('enableShutter'), u1('enableSync'), i4('exposureTime'),
  i4('firmwareVersion'), i4('modelId'), i4('numPixelInX'), i4('numPixelInY'),
  i4('numberOfCoolingLevels'), i4('numberOfMeasurements'), f4('pixelSize'), i4('readOutSpeed'),
  i4('shutterCloseTime'), i4('shutterOpenTime'), i4('shutterState'), u1('syncHigh'),
  i4('targetTemperature'), f4('temperatureBack'), f4('temperatureSensor'), i4('triggerTimeOut'),
  i4('updateInterval'),
];

export interface CameraOptions {
  /** [height, width] of image.pixels; default [255, 1024] as the FXE camera. */
  shape?: [number, number];
  /** Which trains (by toff) have an image; default every train. */
  hasImage?: (toff: number) => boolean;
  /** One image (C order); default the fixtures' (7·toff + 3·(y÷16) + x÷64) % 4096. */
  pixels?: (toff: number, out: Uint16Array, width: number) => void;
  gzip?: number;
}

/** A camera such as 'FXE_XAD_GEC/CAM/CAMERA', with its output 'FXE_XAD_GEC/CAM/CAMERA:daqOutput'. */
export function camera(name: string, opts: CameraOptions = {}): DeviceBuilder {
  const [height, width] = opts.shape ?? [255, 1024];
  const fill = opts.pixels ?? defaultPixels;
  return (ctx) => {
    const toffs = trainOffsets(ctx);
    const counts = toffs.map((t) => Number(opts.hasImage?.(t) ?? true));
    const withImage = toffs.filter((_, i) => counts[i]);
    const n = withImage.length;
    const frame = height * width;
    const pixels = new Uint16Array(n * frame);
    withImage.forEach((t, i) => fill(t, pixels.subarray(i * frame, (i + 1) * frame), width));
    const output: InstrumentSourceSpec = {
      kind: 'instrument',
      name: `${name}:daqOutput`,
      groups: {
        data: {
          counts,
          keys: {
            'image.bitsPerPixel': { value: { data: new Int32Array(n).fill(16), shape: [n], dtype: 'int32' } },
            'image.dimTypes': { value: { data: repeat(new Int32Array([0, 1]), n), shape: [n, 2], dtype: 'int32' } },
            'image.dims': { value: { data: repeat(new BigUint64Array([BigInt(width), BigInt(height)]), n), shape: [n, 2], dtype: 'uint64' } },
            'image.encoding': { value: { data: new Int32Array(n), shape: [n], dtype: 'int32' } },
            'image.pixels': { value: { data: pixels, shape: [n, height, width], dtype: 'uint16' }, gzip: opts.gzip ?? 1 },
            'image.roiOffsets': { value: { data: new BigUint64Array(2 * n), shape: [n, 2], dtype: 'uint64' } },
          },
        },
      },
    };
    return [deterministicControlSource(name, CAMERA_CONTROL_KEYS, toffs), output];
  };
}

function repeat<T extends Int32Array | BigUint64Array>(entry: T, n: number): T {
  const out = new (entry.constructor as { new (n: number): T })(entry.length * n);
  for (let i = 0; i < n; i++) out.set(entry as never, i * entry.length);
  return out;
}

function defaultPixels(toff: number, out: Uint16Array, width: number): void {
  for (let i = 0; i < out.length; i++) {
    const y = Math.floor(i / width);
    const x = i % width;
    out[i] = (7 * toff + 3 * Math.floor(y / 16) + Math.floor(x / 64)) % 4096;
  }
}
