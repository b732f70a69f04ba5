// CrystFEL panels → tiles of a detector type. Panels are matched to tiles by
// the data they cover (module, first ss, first fs), not by their names.
import { CrystfelGeomError, parseCrystfelGeom, type CrystfelBadRegion, type CrystfelPanel } from './crystfelParser';
import type { CrystfelMetadata } from './crystfelWriter';
import type { DetectorType } from './detectorTypes';
import type { Tile } from './tile';

function panelToTile(p: CrystfelPanel): Tile {
  const { res } = p;
  return {
    cornerPos: [p.cornerX / res, p.cornerY / res, p.coffset],
    ssVec: [p.ss[0] / res, p.ss[1] / res, p.ss[2] / res],
    fsVec: [p.fs[0] / res, p.fs[1] / res, p.fs[2] / res],
    ssPixels: p.maxSs - p.minSs + 1,
    fsPixels: p.maxFs - p.minFs + 1,
  };
}

/** Module number and slow-scan start of the data a panel covers. */
function panelDataCoord(type: DetectorType, p: CrystfelPanel): { module: number; minSs: number; layout2d: boolean } {
  const indexDims = p.dims.filter((d): d is number => typeof d === 'number');
  if (indexDims.length > 1) throw new CrystfelGeomError(p.line, `panel '${p.name}' has more than one index dimension: ${p.dims.join(', ')}`);
  // 3D data has the module as an index dim; 2D data stacks modules along slow scan.
  if (indexDims.length) return { module: indexDims[0], minSs: p.minSs, layout2d: false };
  const modSS = type.moduleShape[0];
  return { module: Math.floor(p.minSs / modSS), minSs: p.minSs % modSS, layout2d: true };
}

export function modulesFromCrystfel(type: DetectorType, text: string): { modules: Tile[][]; metadata: CrystfelMetadata } {
  const geom = parseCrystfelGeom(text);
  const byCoord = new Map<string, CrystfelPanel>();
  let layout2d = false;
  for (const p of geom.panels) {
    const c = panelDataCoord(type, p);
    layout2d ||= c.layout2d;
    byCoord.set(`${c.module},${c.minSs},${p.minFs}`, p);
  }
  const newNames = new Map<string, string>();
  const modules = Array.from({ length: type.nModules }, (_, m) =>
    type.tileOrigins.map(([ss0, fs0], a) => {
      const p = byCoord.get(`${m},${ss0},${fs0}`);
      if (!p) throw new Error(`No panel in the .geom covers module ${m} tile ${a} (data ss=${ss0}, fs=${fs0}) of ${type.name}`);
      newNames.set(p.name, `p${m}a${a}`);
      return panelToTile(p);
    }),
  );
  const first = byCoord.get('0,0,0')!;
  return {
    modules,
    metadata: {
      data: first.data,
      mask: first.mask,
      aduPerEv: first.aduPerEv,
      clen: first.clen,
      photonEnergy: geom.photonEnergy,
      bad: normaliseBadRegions(geom.bad, newNames, type.moduleShape[0], layout2d),
    },
  };
}

/** Bad regions named by pNaM panels, with slow scan counted within the module. */
function normaliseBadRegions(bad: CrystfelBadRegion[], names: Map<string, string>, modSS: number, layout2d: boolean): CrystfelBadRegion[] {
  return bad.flatMap((b): CrystfelBadRegion[] => {
    if (!b.panel) return [b];
    const panel = names.get(b.panel);
    if (!panel) return []; // refers to no panel of this detector: dropped, as EXtra-geom does
    if (!b.isFsss) return [{ ...b, panel }];
    return [{ ...b, panel, minSs: layout2d ? b.minSs % modSS : b.minSs, maxSs: layout2d ? b.maxSs % modSS : b.maxSs }];
  });
}
