// DSSC-1M (no EXtra-geom reference case): an EuXFEL HDF5 geometry file
// written here with h5wasm must give back the layout it was written from.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DSSC_1MGeometry } from '../../src/core/geometry/dssc';
import { tileCorners, type Tile } from '../../src/core/geometry/tile';

const QUAD_POS: Array<[number, number]> = [[-130, 5], [-130, -125], [5, -125], [5, 5]]; // mm

const dir = mkdtempSync(join(tmpdir(), 'dssc-geom-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Lowest (x, y) over tiles' corners, in mm: how the file measures positions. */
function minCorner(tiles: Tile[]): [number, number] {
  const c = tiles.flatMap((t) => tileCorners(t));
  return [Math.min(...c.map((p) => p[0])) * 1000, Math.min(...c.map((p) => p[1])) * 1000];
}

/** Writes `geom` as Qq/Mm/Position + Qq/Mm/Tnn/Position (mm, relative), returning the quadrant positions. */
async function writeH5(geom: DSSC_1MGeometry, path: string): Promise<Array<[number, number]>> {
  const h5wasm = await import('h5wasm/node');
  await h5wasm.ready;
  const f = new h5wasm.File(path, 'w');
  const quads = [0, 1, 2, 3].map((q) => minCorner(geom.modules.slice(q * 4, q * 4 + 4).flat()));
  geom.modules.forEach((tiles, m) => {
    const q = Math.floor(m / 4);
    const mod = minCorner(tiles);
    const grp = `Q${q + 1}/M${(m % 4) + 1}`;
    if (m % 4 === 0) f.create_group(`Q${q + 1}`);
    f.create_group(grp);
    f.create_dataset({ name: `${grp}/Position`, data: new Float64Array([mod[0] - quads[q][0], mod[1] - quads[q][1]]) });
    tiles.forEach((t, i) => {
      const tile = minCorner([t]);
      const tgrp = `${grp}/T${String(i + 1).padStart(2, '0')}`;
      f.create_group(tgrp);
      f.create_dataset({ name: `${tgrp}/Position`, data: new Float64Array([tile[0] - mod[0], tile[1] - mod[1]]) });
    });
  });
  f.close();
  return quads;
}

describe('DSSC_1MGeometry', () => {
  const ideal = DSSC_1MGeometry.fromQuadPositions(QUAD_POS);

  it('fromQuadPositions: quadrant corners where they were asked to be', () => {
    for (let q = 0; q < 4; q++) {
      const [x, y] = minCorner(ideal.modules.slice(q * 4, q * 4 + 4).flat());
      expect(x).toBeCloseTo(QUAD_POS[q][0], 9);
      expect(y).toBeCloseTo(QUAD_POS[q][1], 9);
    }
  });

  it('fromH5FileAndQuadPositions reads an h5wasm-written file back to the same tiles', async () => {
    const path = join(dir, 'dssc_geom.h5');
    const quads = await writeH5(ideal, path);
    const g = await DSSC_1MGeometry.fromH5FileAndQuadPositions(path, quads);
    expect(g.filename).toBe('dssc_geom.h5');
    g.modules.forEach((tiles, m) =>
      tiles.forEach((t, a) => {
        const want = ideal.modules[m][a];
        expect(t.ssVec).toEqual(want.ssVec);
        expect(t.fsVec).toEqual(want.fsVec);
        t.cornerPos.forEach((v, k) => expect(Math.abs(v - want.cornerPos[k])).toBeLessThan(1e-12));
      }),
    );
    await expect(DSSC_1MGeometry.fromH5FileAndQuadPositions(path, quads.slice(0, 3))).rejects.toThrow(/Need 4 quadrant positions/);
  });

  it('assembles on the hexagon-aspect grid without overlaps', () => {
    const data = new Float32Array(16 * 128 * 512).fill(1);
    const { image, centre } = ideal.positionModulesFast({ data, shape: [16, 128, 512], dtype: 'float32' });
    const [h, w] = image.shape;
    expect(centre[0]).toBeGreaterThan(0);
    expect(centre[0]).toBeLessThan(h);
    expect(centre[1]).toBeGreaterThan(0);
    expect(centre[1]).toBeLessThan(w);
    let filled = 0;
    for (const v of image.data as Float32Array) if (v === 1) filled++;
    expect(filled).toBe(data.length); // every pixel landed on its own output cell
  });

  it('hexagonal pixels: odd rows shifted half a pixel, 6 corners per pixel', () => {
    const pos = ideal.getPixelPositions(false).data;
    const px = ideal.pixelSize;
    // Module 0: fast scan runs along -x, so row 1 starts half a pixel further along it.
    expect(pos[512 * 3] - pos[0]).toBeCloseTo(-0.5 * px, 12);
    const d = ideal.toDistortionArray();
    expect(d.shape).toEqual([2048, 512, 6, 3]);
    expect(() => ideal.positionModulesInterpolate({ data: new Float32Array(16 * 128 * 512), shape: [16, 128, 512], dtype: 'float32' }))
      .toThrow(/quadrilateral pixels only/);
  });

  it('labels and first-pixel markers for inspect()', () => {
    const d = ideal.inspect();
    expect(d.title).toBe('DSSC detector geometry (No file)');
    expect(d.labels.slice(0, 2).map((l) => l.text)).toEqual(['Q1M1', 'T2']);
    expect(d.firstPixels.length).toBe(16);
  });
});
