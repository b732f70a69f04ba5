// The per-detector declarations agree with themselves, and splitTiles cuts
// module data where the declarations say each tile is.
import { describe, expect, it } from 'vitest';
import { AGIPD_1MGeometry } from '../../src/core/geometry/agipd';
import { AGIPD_1M, DSSC_1M, LPD_1M } from '../../src/core/geometry/detectorTypes';
import { DSSC_1MGeometry } from '../../src/core/geometry/dssc';
import { LPD_1MGeometry } from '../../src/core/geometry/lpd';

describe.each([AGIPD_1M, LPD_1M, DSSC_1M])('$name declaration', (type) => {
  it('tile origins tile the module exactly once, and tileAt finds each tile', () => {
    const [modSS, modFS] = type.moduleShape;
    const [tileSS, tileFS] = type.tileShape;
    const seen = new Set<string>();
    type.tileOrigins.forEach(([ss, fs], t) => {
      expect(ss % tileSS).toBe(0);
      expect(fs % tileFS).toBe(0);
      expect(ss + tileSS).toBeLessThanOrEqual(modSS);
      expect(fs + tileFS).toBeLessThanOrEqual(modFS);
      seen.add(`${ss},${fs}`);
      expect(type.tileAt(ss / tileSS, fs / tileFS)).toBe(t);
    });
    expect(seen.size * tileSS * tileFS).toBe(modSS * modFS);
  });
});

describe('splitTiles', () => {
  const geoms = [
    AGIPD_1MGeometry.fromQuadPositions([[-525, 625], [-550, -10], [520, -160], [542.5, 475]]),
    LPD_1MGeometry.fromQuadPositions([[11.4, 299], [-11.5, 8], [254.5, -16], [278.5, 275]]),
    DSSC_1MGeometry.fromQuadPositions([[-130, 5], [-130, -125], [5, -125], [5, 5]]),
  ];
  it.each(geoms.map((g) => [g.type.name, g] as const))('%s: each tile is its block of the module, for 2 frames', (_name, g) => {
    const [modSS, modFS] = g.type.moduleShape;
    const [tileSS, tileFS] = g.type.tileShape;
    const data = Uint16Array.from({ length: 2 * modSS * modFS }, (_, i) => i % 65521);
    const tiles = g.splitTiles({ data, shape: [2, modSS, modFS], dtype: 'uint16' });
    expect(tiles.length).toBe(g.type.tileOrigins.length);
    tiles.forEach((tile, t) => {
      const [ss0, fs0] = g.type.tileOrigins[t];
      expect(tile.shape).toEqual([2, tileSS, tileFS]);
      expect(tile.dtype).toBe('uint16');
      for (const [f, r, c] of [[0, 0, 0], [1, tileSS - 1, tileFS - 1], [1, 3, 5]]) {
        expect(tile.data[(f * tileSS + r) * tileFS + c]).toBe(data[(f * modSS + ss0 + r) * modFS + fs0 + c]);
      }
    });
  });
});
