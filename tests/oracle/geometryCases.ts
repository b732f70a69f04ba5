// The geometry oracle cases: how each `geom-*` reference geometry is built,
// and the deterministic detector data the references assembled.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { AGIPD_1MGeometry } from '../../src/core/geometry/agipd';
import type { DetectorGeometry } from '../../src/core/geometry/detectorGeometry';
import { LPD_1MGeometry } from '../../src/core/geometry/lpd';
import type { ArrayValue } from '../../src/core/h5/dtypes';
import { FIXTURES, REFS, casesWith } from './oracle';

export const GEOM_FIXTURES = join(FIXTURES, 'geometry');
export const AGIPD_QUADPOS: Array<[number, number]> = [[-525, 625], [-550, -10], [520, -160], [542.5, 475]];
export const LPD_QUADPOS: Array<[number, number]> = [[11.4, 299], [-11.5, 8], [254.5, -16], [278.5, 275]];

export function readGeomFixture(name: string): string {
  return readFileSync(join(GEOM_FIXTURES, name), 'utf8');
}

const builders: Record<string, () => Promise<DetectorGeometry>> = {
  'geom-agipd-quadpos': async () => AGIPD_1MGeometry.fromQuadPositions(AGIPD_QUADPOS),
  'geom-agipd-crystfel-real': async () =>
    AGIPD_1MGeometry.fromCrystfelGeom(readGeomFixture('agipd_spb_real_dimsfirst.geom'), 'agipd_spb_real_dimsfirst.geom'),
  'geom-lpd-quadpos': async () => LPD_1MGeometry.fromQuadPositions(LPD_QUADPOS),
  'geom-lpd-h5': async () => LPD_1MGeometry.fromH5FileAndQuadPositions(join(GEOM_FIXTURES, 'lpd_mar_18.h5'), LPD_QUADPOS),
};

/** Every geom-* case that has this question; a case we can't build fails loudly. */
export function geomCases(question: string): string[] {
  const cases = casesWith(question).filter((c) => c.startsWith('geom-'));
  for (const c of cases) if (!builders[c]) throw new Error(`No builder for geometry case ${c}`);
  return cases;
}

const built = new Map<string, Promise<DetectorGeometry>>();
export function geometryFor(caseName: string): Promise<DetectorGeometry> {
  if (!built.has(caseName)) built.set(caseName, builders[caseName]());
  return built.get(caseName)!;
}

/** data[m, ss, fs] = float32(m*1e4 + ss*10 + fs % 10), optionally + offset. */
export function deterministicData(shape: readonly number[], offset = 0): ArrayValue<Float32Array> {
  const [n, nss, nfs] = shape;
  const data = new Float32Array(n * nss * nfs);
  let k = 0;
  for (let m = 0; m < n; m++) for (let ss = 0; ss < nss; ss++) for (let fs = 0; fs < nfs; fs++) data[k++] = m * 1e4 + ss * 10 + (fs % 10) + offset;
  return { data, shape: [n, nss, nfs], dtype: 'float32' };
}

/** sha256 of float32 little-endian bytes, NaN canonicalised to 0x7FC00000 as numpy writes it. */
export function sha256F32le(a: Float32Array): string {
  const copy = new Float32Array(a);
  const bits = new Uint32Array(copy.buffer);
  for (let i = 0; i < copy.length; i++) if (Number.isNaN(copy[i])) bits[i] = 0x7fc00000;
  return createHash('sha256').update(new Uint8Array(copy.buffer)).digest('hex');
}

export function refImage(caseName: string, file: string): Float32Array {
  const path = join(REFS, caseName, file);
  if (!existsSync(path)) throw new Error(`missing reference image ${path}`);
  const bytes = gunzipSync(readFileSync(path));
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}
