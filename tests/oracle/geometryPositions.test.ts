// Pixel positions, pyFAI distortion arrays and data-coordinate conversion, at
// the references' sample points (whole-array hashes depend on numpy's operation order).
import { describe, expect, it } from 'vitest';
import { loadRef, requireOracle } from './oracle';
import { geomCases, geometryFor } from './geometryCases';

const run = requireOracle();
const TOL = 1e-9; // metres

function expectClose(ours: ArrayLike<number>, theirs: number[], what: string) {
  theirs.forEach((v, i) => {
    if (Math.abs(ours[i] - v) > TOL) throw new Error(`${what}[${i}]: ${ours[i]} vs reference ${v}`);
  });
}

describe.runIf(run)('getPixelPositions (get_pixel_positions.json)', () => {
  it.each(geomCases('get_pixel_positions'))('%s: centre=True and centre=False samples', async (c) => {
    const g = await geometryFor(c);
    for (const rc of loadRef(c, 'get_pixel_positions').cases) {
      const centre = rc.call.includes('centre=True');
      const pos = g.getPixelPositions(centre);
      expect(pos.shape).toEqual(rc.result.shape);
      const [, nss, nfs] = pos.shape;
      expect(rc.result.samples.length).toBeGreaterThan(0);
      for (const s of rc.result.samples) {
        const [m, ss, fs] = s.index;
        const k = ((m * nss + ss) * nfs + fs) * 3;
        expectClose(pos.data.subarray(k, k + 3), s.xyz, `${rc.call} at ${s.index}`);
      }
    }
  });
});

describe.runIf(run)('toDistortionArray (to_distortion_array.json)', () => {
  it.each(geomCases('to_distortion_array'))('%s: shape, min/max and corner samples', async (c) => {
    const g = await geometryFor(c);
    for (const rc of loadRef(c, 'to_distortion_array').cases) {
      const d = g.toDistortionArray(rc.call.includes('allow_negative_xy=True'));
      expect(d.shape).toEqual(rc.result.shape);
      expect(d.dtype).toBe('float32');
      const [, ncol, nc] = d.shape;
      const min = [Infinity, Infinity, Infinity];
      const max = [-Infinity, -Infinity, -Infinity];
      for (let k = 0; k < d.data.length; k++) {
        const axis = k % 3;
        if (d.data[k] < min[axis]) min[axis] = d.data[k];
        if (d.data[k] > max[axis]) max[axis] = d.data[k];
      }
      expectClose(min, rc.result.min_zyx, `${rc.call} min`);
      expectClose(max, rc.result.max_zyx, `${rc.call} max`);
      for (const s of rc.result.samples) {
        const [row, col] = s.index;
        const k = (row * ncol + col) * nc * 3;
        expectClose(d.data.subarray(k, k + nc * 3), s.corners_zyx.flat(), `${rc.call} at ${s.index}`);
      }
    }
  });
});

describe.runIf(run)('dataCoordsToPositions (data_coords_to_positions.json)', () => {
  it.each(geomCases('data_coords_to_positions'))('%s: docs example and in-module grid, metres and px', async (c) => {
    const g = await geometryFor(c);
    for (const rc of loadRef(c, 'data_coords_to_positions').cases) {
      const r = rc.result;
      const pos = g.dataCoordsToPositions(r.module_no, r.slow_scan, r.fast_scan);
      expect(pos.shape).toEqual([r.module_no.length, 3]);
      expectClose(pos.data, r.positions_xyz_m.flat(), `${rc.call} (m)`);
      const px = r.positions_xy_px.flat() as number[];
      px.forEach((v, i) => {
        const ours = pos.data[Math.floor(i / 2) * 3 + (i % 2)] / g.pixelSize;
        expect(Math.abs(ours - v)).toBeLessThan(1e-6);
      });
    }
  });
});
