// inspect() / compare() drawing data against what EXtra-geom's figures draw.
import { describe, expect, it } from 'vitest';
import { AGIPD_1MGeometry } from '../../src/core/geometry/agipd';
import type { GeometryDrawing } from '../../src/core/geometry/drawing';
import { loadRef, requireOracle } from './oracle';
import { AGIPD_QUADPOS, deterministicData, geomCases, geometryFor, readGeomFixture } from './geometryCases';

const run = requireOracle();

function expectPointsClose(ours: number[][], theirs: number[][], what: string, tol: number) {
  expect(ours.length, what).toBe(theirs.length);
  ours.forEach((p, i) =>
    p.forEach((v, k) => {
      if (Math.abs(v - theirs[i][k]) > tol) throw new Error(`${what} point ${i}: ${p} vs reference ${theirs[i]}`);
    }),
  );
}

/** The drawing against one recorded matplotlib figure of inspect()/compare(). */
function checkFigure(d: GeometryDrawing, fig: any, tol: number) {
  expect(d.title).toBe(fig.title);
  expect([d.xlabel, d.ylabel]).toEqual([fig.xlabel, fig.ylabel]);
  expectPointsClose([d.xlim, d.ylim], [fig.xlim, fig.ylim], 'limits', tol);
  expect(fig.xaxis_inverted).toBe(true);
  const labels = fig.texts.filter((t: any) => !t.axes_coords);
  expect(d.labels.map((l) => l.text)).toEqual(labels.map((t: any) => t.text));
  expectPointsClose(d.labels.map((l) => [l.x, l.y]), labels.map((t: any) => [t.x, t.y]), 'labels', tol);
  expectPointsClose(d.tiles.flatMap((t) => t.polygon), fig.patch_collections[0].flat(), 'tile polygons', tol);
  expectPointsClose(d.firstPixels, fig.scatter_points, 'first pixels', tol);
  expectPointsClose([...d.firstRows, ...d.centreCross].flat(), fig.line_segments.flat(), 'first rows + centre cross', tol);
  expect(fig.legend).toEqual(['First pixel', 'First row']);
}

describe.runIf(run)('inspect() (figures.json)', () => {
  it.each(geomCases('figures'))('%s: px and m figures, and the model polygons', async (c) => {
    const g = await geometryFor(c);
    const cases = loadRef(c, 'figures').cases;
    for (const units of ['px', 'm'] as const) {
      const fig = cases.find((x) => x.call === `inspect(axis_units='${units}')`)!.result;
      checkFigure(g.inspect(units), fig, units === 'px' ? 1e-6 : 1e-10);
    }
    const polys = cases.find((x) => x.call.startsWith('tile corner polygons'))!.result;
    const ours = g.inspect('px').tiles.map((t) => t.polygon.slice(0, 4));
    expectPointsClose(ours.flat(), polys.flat(2), 'model polygons', 1e-6);
  });

  it.each(geomCases('figures'))('%s: plot_data_fast image extent', async (c) => {
    const g = await geometryFor(c);
    const fig = loadRef(c, 'figures').cases.find((x) => x.call.startsWith('plot_data_fast'))!.result;
    const { image, centre } = g.positionModulesFast(deterministicData(g.expectedDataShape));
    const [h, w] = image.shape;
    expect([h, w]).toEqual(fig.image_shape);
    // imshow extent: pixel edges around -centre … shape-centre.
    expect([-centre[1] - 0.5, w - centre[1] + 0.5, -centre[0] - 0.5, h - centre[0] + 0.5]).toEqual(fig.image_extent);
  });
});

const compareCases = run ? geomCases('figures').filter((c) => loadRef(c, 'figures').cases.some((x) => x.call.startsWith('compare('))) : [];

describe.runIf(run && compareCases.length > 0)('compare() (figures.json)', () => {
  it.each(compareCases)('%s: the inspect() layers plus scaled arrows', async (c) => {
    const g = await geometryFor(c);
    const rc = loadRef(c, 'figures').cases.find((x) => x.call.startsWith('compare('))!;
    const other = rc.call.includes('from_crystfel_geom')
      ? AGIPD_1MGeometry.fromCrystfelGeom(readGeomFixture('agipd_spb_real_dimsfirst.geom'), 'agipd_spb_real_dimsfirst.geom')
      : AGIPD_1MGeometry.fromQuadPositions(AGIPD_QUADPOS);
    const d = g.compare(other);
    checkFigure(d, rc.result, 1e-6);
    expect(d.note).toBe(rc.result.texts.find((t: any) => t.axes_coords).text);
    const arrows = rc.result.patch_collections[1];
    expect(d.arrows.length).toBe(arrows.length);
    expectPointsClose(d.arrows.flatMap((a) => a.polygon), arrows.flat(), 'arrow outlines', 1e-6);
  });
});
