// CrystFEL .geom: writing line-identical to EXtra-geom (bar the header line),
// reading back, and the real SPB file that EXtra-geom's parser rejects.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AGIPD_1MGeometry } from '../../src/core/geometry/agipd';
import type { DetectorGeometry } from '../../src/core/geometry/detectorGeometry';
import { LPD_1MGeometry } from '../../src/core/geometry/lpd';
import type { WriteCrystfelOptions } from '../../src/core/geometry/crystfelWriter';
import { REFS, loadRef, requireOracle } from './oracle';
import { geomCases, geometryFor, readGeomFixture } from './geometryCases';

const run = requireOracle();

/** The Python call's keyword arguments, in our option names. */
function optionsFor(call: string): WriteCrystfelOptions {
  const opts: WriteCrystfelOptions = {};
  const num = (k: string) => call.match(new RegExp(`${k}=([\\d.e+-]+)`))?.[1];
  const str = (k: string) => call.match(new RegExp(`${k}='([^']*)'`))?.[1];
  if (num('clen')) opts.clen = Number(num('clen'));
  if (num('adu_per_ev')) opts.aduPerEv = Number(num('adu_per_ev'));
  if (num('photon_energy')) opts.photonEnergy = Number(num('photon_energy'));
  if (str('data_path')) opts.dataPath = str('data_path');
  if (str('mask_path')) opts.maskPath = str('mask_path');
  const dims = call.match(/dims=\(([^)]*)\)/)?.[1];
  if (dims) opts.dims = dims.split(',').map((d) => d.trim().replace(/'/g, '')) as WriteCrystfelOptions['dims'];
  return opts;
}

function fromGeomText(g: DetectorGeometry, text: string): DetectorGeometry {
  return g.type.name === 'LPD-1M' ? LPD_1MGeometry.fromCrystfelGeom(text) : AGIPD_1MGeometry.fromCrystfelGeom(text);
}

describe.runIf(run)('writeCrystfelGeom (write_crystfel_geom.json)', () => {
  it.each(geomCases('write_crystfel_geom'))('%s: every line but the header matches EXtra-geom', async (c) => {
    const g = await geometryFor(c);
    const writes = loadRef(c, 'write_crystfel_geom').cases.filter((x) => x.call.startsWith('write_crystfel_geom('));
    expect(writes.length).toBe(3);
    for (const w of writes) {
      const theirs = readFileSync(join(REFS, c, w.result.file), 'utf8').split('\n');
      const ours = g.writeCrystfelGeom(optionsFor(w.call)).split('\n');
      expect(ours.length - 1, w.call).toBe(w.result.n_lines);
      expect(ours[0]).toMatch(/^; .* geometry file written by XFEL Run Viewer/);
      expect(ours.slice(1), w.call).toEqual(theirs.slice(1));
    }
  });

  it.each(geomCases('write_crystfel_geom'))('%s: the written file reads back to the same tiles', async (c) => {
    const g = await geometryFor(c);
    const rt = loadRef(c, 'write_crystfel_geom').cases.find((x) => x.call.includes('round trip'))!.result;
    const text = g.writeCrystfelGeom({ clen: 0.119, aduPerEv: 0.0075, photonEnergy: 9300 });
    const back = fromGeomText(g, text);
    let maxDiff = 0;
    rt.model.modules.forEach((mod: any[], m: number) =>
      mod.forEach((t, a) => {
        const ours = back.modules[m][a];
        for (let k = 0; k < 3; k++) {
          expect(Math.abs(ours.cornerPos[k] - t.corner_pos[k])).toBeLessThan(1e-12);
          expect(Math.abs(ours.ssVec[k] - t.ss_vec[k])).toBeLessThan(1e-15);
          expect(Math.abs(ours.fsVec[k] - t.fs_vec[k])).toBeLessThan(1e-15);
          maxDiff = Math.max(maxDiff, Math.abs(ours.cornerPos[k] - g.modules[m][a].cornerPos[k]));
        }
      }),
    );
    expect(maxDiff).toBeLessThanOrEqual(rt.max_abs_corner_pos_diff_m + 1e-15);
    // Values read from the file are written back as floats, like EXtra-geom.
    expect(back.writeCrystfelGeom()).toContain('photon_energy = 9300.0');
  });
});

describe.runIf(run)('the real SPB file (dim lines after the panels)', () => {
  it('loads unmodified, where EXtra-geom fails, and equals the dims-first copy', () => {
    const unmodified = loadRef('geom-agipd-crystfel-real', 'model_unmodified_file').cases[0];
    expect(unmodified.error?.message).toMatch(/slow scan dim/);
    const real = AGIPD_1MGeometry.fromCrystfelGeom(readGeomFixture('agipd_spb_real.geom'), 'agipd_spb_real.geom');
    const dimsFirst = AGIPD_1MGeometry.fromCrystfelGeom(readGeomFixture('agipd_spb_real_dimsfirst.geom'));
    expect(real.modules).toEqual(dimsFirst.modules);
    expect(real.metadata).toEqual(dimsFirst.metadata);
    const model = loadRef('geom-agipd-crystfel-real', 'model').cases[0].result;
    expect(real.modules[15][7].cornerPos).toEqual(model.modules[15][7].corner_pos);
  });
});
