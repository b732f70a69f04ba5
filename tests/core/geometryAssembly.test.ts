// Assembly of non-float data and of module data with frames in front.
import { describe, expect, it } from 'vitest';
import { LPD_1MGeometry } from '../../src/core/geometry/lpd';

const geom = LPD_1MGeometry.fromQuadPositions([[11.4, 299], [-11.5, 8], [254.5, -16], [278.5, 275]]);
const n = 16 * 256 * 256;
const u16 = Uint16Array.from({ length: n }, (_, i) => i % 4000);
const data = { data: u16, shape: [16, 256, 256], dtype: 'uint16' as const };

describe('integer data', () => {
  it('positionModulesFast keeps the dtype and leaves gaps 0', () => {
    const { image } = geom.positionModulesFast(data);
    expect(image.dtype).toBe('uint16');
    expect(image.data).toBeInstanceOf(Uint16Array);
    const asFloat = geom.positionModulesFast({ data: Float32Array.from(u16), shape: data.shape, dtype: 'float32' }).image.data;
    image.data.forEach((v, i) => {
      if (Number.isNaN(asFloat[i])) expect(v).toBe(0);
      else expect(v).toBe(asFloat[i]);
    });
  });

  it('positionModulesInterpolate gives float32, the same as for float input', () => {
    const ints = geom.positionModulesInterpolate(data).image;
    const floats = geom.positionModulesInterpolate({ data: Float32Array.from(u16), shape: data.shape, dtype: 'float32' }).image;
    expect(ints.dtype).toBe('float32');
    expect(ints.data).toEqual(floats.data);
    const out = { data: new Float32Array(ints.data.length), shape: ints.shape, dtype: 'float32' as const };
    expect(geom.positionModulesInterpolate(data, out).image).toBe(out);
    expect(out.data).toEqual(floats.data);
    expect(() => geom.positionModulesInterpolate(data, { ...out, shape: [1, ...out.shape] })).toThrow(/should be float32 with shape/);
  });

  it('an output array of another dtype is refused', () => {
    const out = geom.outputArrayForPositionFast([], 'float32');
    expect(() => geom.positionModulesFast(data, out)).toThrow(/does not match the data/);
  });
});
