// Geometry → CrystFEL .geom text, laid out line for line like EXtra-geom's
// writer (only the header line naming the program differs), with floats as
// Python writes them so the two outputs diff cleanly.
import type { CrystfelBadRegion } from './crystfelParser';
import type { DetectorType } from './detectorTypes';
import { npPositionalSigned, pyNumber, pyRepr } from './pyFloat';
import type { Tile, Vec3 } from './tile';

const WRITER_NAME = 'XFEL Run Viewer 0.1.0';

/** What a geometry read from a .geom file remembers for writing it back. */
export interface CrystfelMetadata {
  data?: string;
  mask?: string;
  aduPerEv?: number;
  clen?: number | string;
  photonEnergy?: number | string;
  /** Bad regions with panels renamed pNaM and slow scan per module. */
  bad: CrystfelBadRegion[];
}

export interface WriteCrystfelOptions {
  dataPath?: string;
  maskPath?: string;
  /** Data dimensions; must include 'frame', 'ss', 'fs'; 'modno' for a module axis; numbers for fixed indices. */
  dims?: Array<'frame' | 'modno' | 'ss' | 'fs' | number>;
  /** Numbers you pass are written like Python ints when integral (9300), else as floats. */
  aduPerEv?: number;
  clen?: number;
  photonEnergy?: number;
}

interface WriterGeometry {
  type: DetectorType;
  modules: Tile[][];
  metadata: { crystfel?: CrystfelMetadata };
}

/** Metadata values read from a file are floats in Python; numbers passed in keep their int/float look. */
function paramText(passed: number | undefined, fromFile: number | string | undefined): string | undefined {
  if (passed !== undefined) return pyNumber(passed);
  if (fromFile === undefined) return undefined;
  return typeof fromFile === 'number' ? pyRepr(fromFile) : fromFile;
}

function formatVec(v: Vec3, pixelSize: number): string {
  const s = v.map((x) => x / pixelSize);
  return s
    .map((value, i) => (i === 2 && value === 0 ? null : `${npPositionalSigned(value)}${'xyz'[i]}`))
    .filter((t) => t !== null)
    .join(' ');
}

function header(type: DetectorType, paths: string, frameDim: string, params: Record<string, string | undefined>): string {
  const setting = (key: string, text: string | undefined) => (text === undefined ? `; ${key} = SET ME` : `${key} = ${text}`);
  return [
    `; ${type.name} geometry file written by ${WRITER_NAME}`,
    '; You may need to edit this file to add:',
    '; - data and mask locations in the file',
    '; - mask_good & mask_bad values to interpret the mask',
    '; - adu_per_eV & photon_energy',
    '; - clen (detector distance)',
    ';',
    '; See: http://www.desy.de/~twhite/crystfel/manual-crystfel_geometry.html',
    '',
    '',
    paths,
    frameDim,
    `res = ${pyRepr(1.0 / type.pixelSize)} ; pixels per metre`,
    '',
    '; Beam energy in eV',
    setting('photon_energy', params.photon_energy),
    '',
    '; Camera length, aka detector distance',
    setting('clen', params.clen),
    '',
    '; Analogue Digital Units per eV',
    setting('adu_per_eV', params.adu_per_eV),
    '',
  ].join('\n');
}

function badRegionsText(bad: CrystfelBadRegion[], modSS: number, layout2d: boolean): string {
  const lines: string[] = [];
  for (const d of bad) {
    if (d.isFsss) {
      const modNo = Number(d.panel.match(/^p(\d+)a\d+$/)?.[1] ?? 0);
      const offset = layout2d ? modNo * modSS : 0;
      lines.push(`${d.name}/panel = ${d.panel}`, `${d.name}/min_ss = ${d.minSs + offset}`, `${d.name}/max_ss = ${d.maxSs + offset}`,
        `${d.name}/min_fs = ${d.minFs}`, `${d.name}/max_fs = ${d.maxFs}`, '');
    } else {
      lines.push(`${d.name}/min_x = ${pyRepr(d.minX)}`, `${d.name}/max_x = ${pyRepr(d.maxX)}`,
        `${d.name}/min_y = ${pyRepr(d.minY)}`, `${d.name}/max_y = ${pyRepr(d.maxY)}`, '');
    }
  }
  return lines.join('\n');
}

function rigidGroupsText(modules: Tile[][], nQuads: number, tilesPerModule: number): string {
  const names = modules.map((tiles, p) => tiles.map((_, a) => `p${p}a${a}`));
  const lines = [
    ...names.map((tiles, p) => `rigid_group_p${p} = ${tiles.join(',')}`),
    `rigid_group_collection_modules = ${names.map((_, p) => `p${p}`).join(',')}`,
    '',
  ];
  if (nQuads) {
    if (modules.length % nQuads) throw new Error(`Can't divide ${modules.length} modules into ${nQuads} groups`);
    const all = modules.flatMap((_, p) => Array.from({ length: tilesPerModule }, (_, a) => `p${p}a${a}`));
    const per = all.length / nQuads;
    for (let q = 0; q < nQuads; q++) lines.push(`rigid_group_q${q} = ${all.slice(q * per, (q + 1) * per).join(',')}`);
    lines.push(`rigid_group_collection_quads = ${Array.from({ length: nQuads }, (_, q) => `q${q}`).join(',')}`, '');
  }
  return lines.join('\n');
}

function panelText(geom: WriterGeometry, p: number, a: number, tileDims: Array<[number, string | number]>, layout2d: boolean): string {
  const { type } = geom;
  const t = geom.modules[p][a];
  const name = `p${p}a${a}`;
  const [ss0, fs0] = type.tileOrigins[a];
  const minSs = ss0 + (layout2d ? p * type.moduleShape[0] : 0);
  const dims = tileDims.map(([n, v]) => `${name}/dim${n} = ${v === 'modno' ? p : v}`);
  return [
    '',
    ...dims,
    `${name}/min_fs = ${fs0}`,
    `${name}/min_ss = ${minSs}`,
    `${name}/max_fs = ${fs0 + type.tileShape[1] - 1}`,
    `${name}/max_ss = ${minSs + type.tileShape[0] - 1}`,
    `${name}/fs = ${formatVec(t.fsVec, type.pixelSize)}`,
    `${name}/ss = ${formatVec(t.ssVec, type.pixelSize)}`,
    `${name}/corner_x = ${pyRepr(t.cornerPos[0] / type.pixelSize)}`,
    `${name}/corner_y = ${pyRepr(t.cornerPos[1] / type.pixelSize)}`,
    `${name}/coffset = ${pyRepr(t.cornerPos[2])}`,
    '',
  ].join('\n');
}

export function writeCrystfelGeom(geom: WriterGeometry, opts: WriteCrystfelOptions = {}): string {
  const { type } = geom;
  const meta = geom.metadata.crystfel;
  const dims = opts.dims ?? ['frame', 'modno', 'ss', 'fs'];
  const frameAt = dims.indexOf('frame');
  if (frameAt < 0) throw new Error('No frame dimension given');
  if (!dims.includes('ss') || !dims.includes('fs')) throw new Error("dims must include 'ss' and 'fs'");
  const tileDims = dims.map((d, n): [number, string | number] => [n, d]).filter(([n]) => n !== frameAt);
  const layout2d = !dims.includes('modno');

  const dataPath = opts.dataPath ?? (meta?.data || '/entry_1/instrument_1/detector_1/data');
  const maskPath = opts.maskPath ?? meta?.mask;
  const paths = [`data = ${dataPath} ;`, ...(maskPath ? [`mask = ${maskPath} ;`] : [])].join('\n');
  const text = header(type, paths, `dim${frameAt} = %`, {
    photon_energy: paramText(opts.photonEnergy, meta?.photonEnergy),
    clen: paramText(opts.clen, meta?.clen),
    adu_per_eV: paramText(opts.aduPerEv, meta?.aduPerEv),
  });
  const panels = geom.modules.flatMap((tiles, p) => tiles.map((_, a) => panelText(geom, p, a, tileDims, layout2d)));
  return (
    text +
    badRegionsText(meta?.bad ?? [], type.moduleShape[0], layout2d) +
    rigidGroupsText(geom.modules, type.nQuads, type.tileOrigins.length) +
    panels.join('')
  );
}
