// Geometry benchmarks: AGIPD-1M assembly, snapped (1 and 10 frames) and
// interpolated (1 frame; its sparse weights are built once, before timing),
// each into a new image like EXtra-geom's default and into a reused one (new
// images cost first-touch page faults, which dominate on some VMs).
import { AGIPD_1MGeometry } from '../src/core/geometry/agipd';
import type { ArrayValue } from '../src/core/h5/dtypes';
import { measure, type BenchResults } from './timing';

const QUAD_POS: Array<[number, number]> = [[-525, 625], [-550, -10], [520, -160], [542.5, 475]];

function agipdFrames(n: number): ArrayValue<Float32Array> {
  const frame = 16 * 512 * 128;
  const data = new Float32Array(n * frame);
  for (let i = 0; i < data.length; i++) data[i] = i % 1000;
  return { data, shape: [n, 16, 512, 128], dtype: 'float32' };
}

export async function run(): Promise<BenchResults> {
  const geom = AGIPD_1MGeometry.fromQuadPositions(QUAD_POS);
  const one = agipdFrames(1);
  const ten = agipdFrames(10);
  const out = geom.outputArrayForPositionFast([10]);
  const interpOut = geom.positionModulesInterpolate(one).image; // also builds the weights
  return {
    'geometry: AGIPD positionModulesFast, 1 frame': await measure(() => geom.positionModulesFast(one), { n: 20, warmup: 3 }),
    'geometry: AGIPD positionModulesFast, 10 frames': await measure(() => geom.positionModulesFast(ten), { n: 10, warmup: 2 }),
    'geometry: AGIPD positionModulesFast, 10 frames, reused output': await measure(() => geom.positionModulesFast(ten, out), { n: 10, warmup: 2 }),
    'geometry: AGIPD positionModulesInterpolate, 1 frame': await measure(() => geom.positionModulesInterpolate(one), { n: 10, warmup: 2 }),
    'geometry: AGIPD positionModulesInterpolate, 1 frame, reused output': await measure(() => geom.positionModulesInterpolate(one, interpOut), { n: 10, warmup: 2 }),
  };
}
