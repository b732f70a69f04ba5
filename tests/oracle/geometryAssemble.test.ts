// positionModulesFast (byte-identical), the tile model and interpolated assembly against EXtra-geom.
import { describe, expect, it } from 'vitest';
import { loadRef, requireOracle } from './oracle';
import { deterministicData, geomCases, geometryFor, refImage, sha256F32le } from './geometryCases';

const run = requireOracle();

describe.runIf(run)('geometry model (model.json)', () => {
  it.each(geomCases('model'))('%s: every tile matches', async (c) => {
    const ref = loadRef(c, 'model').cases[0].result;
    const g = await geometryFor(c);
    expect(g.pixelSize).toBe(ref.pixel_size);
    expect(g.expectedDataShape).toEqual(ref.expected_data_shape);
    expect(g.modules.length).toBe(ref.n_modules);
    ref.modules.forEach((mod: any[], m: number) => {
      expect(g.modules[m].length).toBe(ref.n_tiles_per_module);
      mod.forEach((t, a) => {
        const ours = g.modules[m][a];
        expect(ours.cornerPos).toEqual(t.corner_pos);
        expect(ours.ssVec).toEqual(t.ss_vec);
        expect(ours.fsVec).toEqual(t.fs_vec);
        expect([ours.ssPixels, ours.fsPixels]).toEqual([t.ss_pixels, t.fs_pixels]);
      });
    });
  });
});

describe.runIf(run)('positionModulesFast (assemble.json)', () => {
  it.each(geomCases('assemble'))('%s: one frame is byte-identical', async (c) => {
    const ref = loadRef(c, 'assemble').cases.find((x) => x.call === 'position_modules_fast(data)')!.result;
    const g = await geometryFor(c);
    const { image, centre } = g.positionModulesFast(deterministicData(g.expectedDataShape));
    expect(image.shape).toEqual(ref.shape);
    expect(image.dtype).toBe('float32');
    expect(centre).toEqual(ref.centre);
    expect(sha256F32le(image.data as Float32Array)).toBe(ref.sha256_f32le);
    // The shipped image, too (it is what the hash was taken of).
    expect(sha256F32le(refImage(c, ref.file))).toBe(ref.sha256_f32le);
  });

  it.each(geomCases('assemble'))('%s: a 2-frame stack, and a reused output array', async (c) => {
    const cases = loadRef(c, 'assemble').cases;
    const ref = cases.find((x) => x.call.startsWith('position_modules_fast(np.stack'))!.result;
    const g = await geometryFor(c);
    const a = deterministicData(g.expectedDataShape);
    const b = deterministicData(g.expectedDataShape, 0.5);
    const stack = new Float32Array(a.data.length * 2);
    stack.set(a.data);
    stack.set(b.data, a.data.length);
    const data = { data: stack, shape: [2, ...g.expectedDataShape], dtype: 'float32' as const };
    const { image, centre } = g.positionModulesFast(data);
    expect(image.shape).toEqual(ref.shape);
    expect(centre).toEqual(ref.centre);
    expect(sha256F32le(image.data as Float32Array)).toBe(ref.sha256_f32le);

    const out = g.outputArrayForPositionFast([2]);
    const again = g.positionModulesFast(data, out);
    expect(again.image).toBe(out);
    expect(sha256F32le(out.data as Float32Array)).toBe(ref.sha256_f32le);
  });

  it.each(geomCases('assemble'))('%s: outputArrayForPositionFast shape', async (c) => {
    const ref = loadRef(c, 'assemble').cases.find((x) => x.call.startsWith('output_array_for_position_fast'))!.result;
    const g = await geometryFor(c);
    const out = g.outputArrayForPositionFast([3]);
    expect(out.shape).toEqual(ref);
    expect(Number.isNaN(out.data[0] as number)).toBe(true);
  });

  it('rejects data of the wrong shape and a mismatched output array', async () => {
    const [c] = geomCases('assemble');
    const g = await geometryFor(c);
    const bad = { data: new Float32Array(10), shape: [10], dtype: 'float32' as const };
    expect(() => g.positionModulesFast(bad)).toThrow(/Wrong shape/);
    const out = g.outputArrayForPositionFast([3]);
    expect(() => g.positionModulesFast(deterministicData(g.expectedDataShape), out)).toThrow(/Output array shape/);
  });
});

const interpolateCases = geomCases('assemble').filter((c) =>
  loadRef(c, 'assemble').cases.some((x) => x.call.startsWith('position_modules_interpolate')),
);

describe.runIf(run && interpolateCases.length > 0)('positionModulesInterpolate', () => {
  it.each(interpolateCases)('%s: same grid; 99 pct of shared pixels agree to 1e-3, coverage differs on at most 0.5 pct', async (c) => {
    const ref = loadRef(c, 'assemble').cases.find((x) => x.call.startsWith('position_modules_interpolate'))!.result;
    const g = await geometryFor(c);
    const { image, centre } = g.positionModulesInterpolate(deterministicData(g.expectedDataShape));
    expect(image.shape).toEqual(ref.shape);
    expect(centre[0]).toBeCloseTo(ref.centre[0], 9);
    expect(centre[1]).toBeCloseTo(ref.centre[1], 9);
    const theirs = refImage(c, ref.file);
    const ours = image.data as Float32Array;
    let both = 0, agree = 0, coverageDiffers = 0;
    for (let i = 0; i < theirs.length; i++) {
      const a = theirs[i], b = ours[i];
      if (Number.isNaN(a) !== Number.isNaN(b)) coverageDiffers++;
      else if (!Number.isNaN(a)) {
        both++;
        if (Math.abs(a - b) <= 1e-3 * Math.abs(a)) agree++;
      }
    }
    const agreePct = (100 * agree) / both;
    const coveragePct = (100 * coverageDiffers) / theirs.length;
    console.log(`${c} interpolate: ${agreePct.toFixed(3)}% of ${both} shared pixels agree to 1e-3; coverage differs on ${coveragePct.toFixed(4)}% (${coverageDiffers} px)`);
    expect(agreePct).toBeGreaterThanOrEqual(99);
    expect(coveragePct).toBeLessThanOrEqual(0.5);
  });
});
