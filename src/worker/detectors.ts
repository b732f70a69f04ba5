// Which multi-module detectors a run holds, found from source names the way
// EXtra-data's components find them (`<name>/DET/<module>CH0:xtdf`).
import { AGIPD1M, DSSC1M, LPD1M, type DataCollection, type MultiModuleDetector } from '../core/index';

export type DetectorType = 'AGIPD' | 'LPD' | 'DSSC';

export interface DetectorGroup {
  name: string;
  type: DetectorType;
  modules: number[];
  sources: Record<number, string>;
}

const MODULE_SOURCE = /^(.+)\/DET\/(\d+)CH0:xtdf$/;

export function detectorTypeOf(name: string): DetectorType | null {
  const upper = name.toUpperCase();
  if (upper.includes('AGIPD')) return 'AGIPD';
  if (upper.includes('LPD')) return 'LPD';
  if (upper.includes('DSSC')) return 'DSSC';
  return null;
}

export function findDetectors(sources: Iterable<string>): DetectorGroup[] {
  const groups = new Map<string, DetectorGroup>();
  for (const src of sources) {
    const m = MODULE_SOURCE.exec(src);
    if (!m) continue;
    const type = detectorTypeOf(m[1]);
    if (!type) continue;
    const g = groups.get(m[1]) ?? { name: m[1], type, modules: [], sources: {} };
    const mod = Number(m[2]);
    g.modules.push(mod);
    g.sources[mod] = src;
    groups.set(m[1], g);
  }
  for (const g of groups.values()) g.modules.sort((a, b) => a - b);
  return [...groups.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** Quadrant positions (mm for LPD/DSSC, px for AGIPD) from the karabo_data docs' examples. */
export const DEFAULT_QUAD_POS: Record<DetectorType, Array<[number, number]>> = {
  AGIPD: [[-525, 625], [-550, -10], [520, -160], [542.5, 475]],
  LPD: [[11.4, 299], [-11.5, 8], [254.5, -16], [278.5, 275]],
  DSSC: [[-130, 5], [-130, -125], [5, -125], [5, 5]],
};

const COMPONENTS: Record<DetectorType, new (run: DataCollection, o: { detectorName: string }) => MultiModuleDetector> = {
  AGIPD: AGIPD1M,
  LPD: LPD1M,
  DSSC: DSSC1M,
};

/** The core's detector component (AGIPD1M, LPD1M, DSSC1M) for a detector found in the run. */
export function detectorComponent(run: DataCollection, det: DetectorGroup): MultiModuleDetector {
  return new COMPONENTS[det.type](run, { detectorName: det.name });
}
