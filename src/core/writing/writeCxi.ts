// The substitute for karabo-data-make-virtual-cxi: h5wasm cannot create HDF5 virtual
// datasets, so a detector selection is copied into a real CXI 1.5 file with the same
// layout — frames (train × pulse) first, then modules stacked — that CrystFEL, OnDA and
// EXtra-data users open the same way.
import { MultiModuleDetector } from '../detectors/multiModuleDetector';
import type { PulseSelector } from '../detectors/pulseSelection';
import type { TrainSelector } from '../data/trainSelectors';
import { allocate, product, type ArrayValue, type NumericArray } from '../h5/dtypes';
import { H5Writer } from '../synthetic/h5Writing';

export interface CxiOptions {
  trains?: TrainSelector;
  pulses?: PulseSelector;
}

const DETECTOR = 'entry_1/instrument_1/detector_1';
/** Per-frame images written when the source has them (gain and mask only in corrected data). */
const IMAGE_KEYS = ['data', 'gain', 'mask'];

/** Writes the selected trains and pulses of a detector as `target` (overwriting it). */
export async function writeCxi(detector: MultiModuleDetector, target: string, options: CxiOptions = {}): Promise<void> {
  const det = options.trains ? restrictTrains(detector, options.trains) : detector;
  const keys = det.data.keysForSource([...det.modnoToSource.values()][0]);
  const first = det.getArray('image.data', { pulses: options.pulses });
  const { train: trains, pulse: pulses, module: modules } = first.coords;
  const trainIds = BigUint64Array.from(trains.flatMap((t) => pulses.map(() => BigInt(t))));
  const pulseIds = BigUint64Array.from(trains.flatMap(() => pulses.map((p) => BigInt(p))));

  const w = await H5Writer.create(target);
  try {
    w.array('cxi_version', { data: new Int32Array([150]), shape: [1], dtype: 'int32' }, {}, true);
    w.strings('entry_1/experiment_identifier', trains.flatMap((t) => pulses.map((p) => `${t}:${p}`)));
    // trainId, pulseId and cellId are not in the CXI standard, which allows extra data
    w.array('entry_1/trainId', { data: trainIds, shape: [trainIds.length], dtype: 'uint64' });
    w.array('entry_1/pulseId', { data: pulseIds, shape: [pulseIds.length], dtype: 'uint64' });
    if (keys.has('image.cellId')) {
      const cells = framesFirst(det.getArray('image.cellId', { pulses: options.pulses }));
      w.array('entry_1/cellId', { ...cells, shape: cells.shape.slice(0, 2) }, { attrs: { axes: 'experiment_identifier:module_identifier' } });
    }
    for (const name of IMAGE_KEYS) {
      if (!keys.has(`image.${name}`)) continue;
      const frames = framesFirst(name === 'data' ? first : det.getArray(`image.${name}`, { pulses: options.pulses }));
      const axes = frames.shape.length === 5 ? 'experiment_identifier:module_identifier:data_gain:y:x' : 'experiment_identifier:module_identifier:y:x';
      w.array(`${DETECTOR}/${name}`, frames, { attrs: { axes } });
    }
    w.array(`${DETECTOR}/module_identifier`, { data: Int32Array.from(modules), shape: [modules.length], dtype: 'int32' });
    w.group(DETECTOR).create_soft_link('/entry_1/experiment_identifier', 'experiment_identifier');
    w.group('entry_1').create_soft_link(`/${DETECTOR}`, 'data_1');
  } finally {
    w.close();
  }
}

function restrictTrains(det: MultiModuleDetector, trains: TrainSelector): MultiModuleDetector {
  return new MultiModuleDetector(det.spec, det.data.selectTrains(trains), { detectorName: det.detectorName, modules: [...det.modnoToSource.keys()] });
}

/** (module, train, pulse, …frame) → (train·pulse, module, …frame): CXI's frame-major order. */
export function framesFirst(a: ArrayValue<NumericArray>): ArrayValue<NumericArray> {
  const [nM, nT, nP, ...frame] = a.shape;
  const size = product(frame);
  const nF = nT * nP;
  const out = allocate(a.dtype, a.data.length);
  for (let m = 0; m < nM; m++) {
    for (let f = 0; f < nF; f++) {
      const src = (m * nF + f) * size;
      (out as Float32Array).set((a.data as Float32Array).subarray(src, src + size), (f * nM + m) * size);
    }
  }
  return { data: out, shape: [nF, nM, ...frame], dtype: a.dtype };
}
