// CrystFEL geometry (.geom) text → panels, bad regions, rigid groups.
// Written from the format description (`man crystfel_geometry`):
//  - `;` starts a comment, also after a value;
//  - `key = value` outside a panel sets a default for panels first mentioned
//    after it; `panel/key = value` sets one panel's field;
//  - names starting with `bad` are bad regions, `rigid_group_*` lines groups.
// One deliberate extension: default panel fields given after the last panel
// (real files put `dim1 = ss` / `dim2 = fs` at the end) apply to every panel
// that doesn't set them itself.
import type { Vec3 } from './tile';

export class CrystfelGeomError extends Error {
  constructor(readonly line: number, problem: string) {
    super(`line ${line}: ${problem}`);
    this.name = 'CrystfelGeomError';
  }
}

export type DimEntry = '%' | 'ss' | 'fs' | number;

export interface CrystfelPanel {
  name: string;
  /** Line where the panel is first mentioned. */
  line: number;
  minFs: number;
  maxFs: number;
  minSs: number;
  maxSs: number;
  /** Pixel steps in pixel units (x, y, z). */
  fs: Vec3;
  ss: Vec3;
  cornerX: number;
  cornerY: number;
  coffset: number;
  /** Pixels per metre. */
  res: number;
  /** dim0…dimN: '%' frame, 'ss', 'fs', or a fixed index (e.g. the module number). */
  dims: DimEntry[];
  clen?: number | string;
  aduPerEv?: number;
  data?: string;
  mask?: string;
  /** Other fields (mask_good, max_adu, …), as written. */
  extra: Record<string, string>;
}

export type CrystfelBadRegion =
  | { name: string; isFsss: true; panel: string; minFs: number; maxFs: number; minSs: number; maxSs: number }
  | { name: string; isFsss: false; panel?: string; minX: number; maxX: number; minY: number; maxY: number };

export interface CrystfelGeom {
  panels: CrystfelPanel[];
  bad: CrystfelBadRegion[];
  rigidGroups: Record<string, string[]>;
  rigidGroupCollections: Record<string, string[]>;
  photonEnergy?: number | string;
  /** Top-level values that are not panel defaults (photon_energy_bandwidth, …). */
  globals: Record<string, string>;
}

interface Field {
  value: string;
  line: number;
}
type Fields = Map<string, Field>;

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const PANEL_KEYS = new Set([
  'min_fs', 'max_fs', 'min_ss', 'max_ss', 'fs', 'ss', 'corner_x', 'corner_y', 'coffset', 'res', 'clen',
  'adu_per_eV', 'adu_per_photon', 'max_adu', 'data', 'mask', 'mask_file', 'mask_good', 'mask_bad',
  'saturation_map', 'saturation_map_file', 'badrow_direction', 'no_index', 'flag_lessthan', 'flag_morethan',
  'flag_equal', 'rail_direction', 'clen_for_centering', 'peak_sep',
]);
const GLOBAL_ONLY = new Set(['photon_energy_bandwidth', 'photon_energy_scale', 'wavelength', 'electron_voltage', 'bandwidth']);
const BAD_KEYS = new Set(['min_x', 'max_x', 'min_y', 'max_y', 'min_fs', 'max_fs', 'min_ss', 'max_ss', 'panel']);

function isPanelKey(key: string): boolean {
  return PANEL_KEYS.has(key) || /^dim\d+$/.test(key) || /^mask\d_(data|file|goodbits|badbits)$/.test(key);
}

function parseNumber(f: Field, what: string): number {
  if (!NUMBER.test(f.value)) throw new CrystfelGeomError(f.line, `${what} must be a number, not '${f.value}'`);
  return finiteNumber(f.value, f.line, what);
}

/** Number(text), refusing text that overflows a double (1e400): a model holds finite metres. */
function finiteNumber(text: string, line: number, what: string): number {
  const v = Number(text);
  if (!Number.isFinite(v)) throw new CrystfelGeomError(line, `${what}: '${text}' is out of range (not a finite number)`);
  return v;
}

function parseInteger(f: Field, what: string): number {
  const v = parseNumber(f, what);
  if (!Number.isInteger(v)) throw new CrystfelGeomError(f.line, `${what} must be an integer, not '${f.value}'`);
  return v;
}

/** `-0.0001x +1.0y` (bare sign = 1; missing axes 0) → [x, y, z]. */
function parseVector(f: Field, what: string): Vec3 {
  const text = f.value.replace(/\s+/g, '');
  const out: Vec3 = [0, 0, 0];
  const term = /([+-]?)(\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)?([xyz])/gy;
  let pos = 0;
  const seen = new Set<string>();
  while (pos < text.length) {
    term.lastIndex = pos;
    const m = term.exec(text);
    if (!m) throw new CrystfelGeomError(f.line, `${what}: cannot read vector '${f.value}' (expected terms like '+0.5x -1y')`);
    if (seen.has(m[3])) throw new CrystfelGeomError(f.line, `${what}: '${m[3]}' given twice in '${f.value}'`);
    seen.add(m[3]);
    const mag = m[2] === undefined ? 1 : finiteNumber(m[2], f.line, what);
    out['xyz'.indexOf(m[3])] = m[1] === '-' ? -mag : mag;
    pos = term.lastIndex;
  }
  if (!seen.size) throw new CrystfelGeomError(f.line, `${what}: empty vector`);
  return out;
}

function parseDim(f: Field, what: string): DimEntry {
  if (f.value === '%' || f.value === 'ss' || f.value === 'fs') return f.value;
  if (/^\d+$/.test(f.value)) return Number(f.value);
  throw new CrystfelGeomError(f.line, `${what} must be '%', 'ss', 'fs' or an index, not '${f.value}'`);
}

/** A number, or text such as an HDF5 path (clen and photon_energy may name a dataset). */
function numberOrString(f: Field, what: string): number | string {
  return NUMBER.test(f.value) ? finiteNumber(f.value, f.line, what) : f.value;
}

export function parseCrystfelGeom(text: string): CrystfelGeom {
  const defaults: Fields = new Map();
  const panelFields = new Map<string, { line: number; inherited: Fields; own: Fields }>();
  const badFields = new Map<string, Fields>();
  const trailing: Fields = new Map();
  const geom: CrystfelGeom = { panels: [], bad: [], rigidGroups: {}, rigidGroupCollections: {}, globals: {} };

  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    const content = raw.replace(/;.*$/, '').trim();
    if (!content) return;
    const eq = content.indexOf('=');
    if (eq < 0) throw new CrystfelGeomError(line, `expected 'key = value', got '${content}'`);
    const key = content.slice(0, eq).trim();
    const value = content.slice(eq + 1).trim();
    if (!key) throw new CrystfelGeomError(line, `missing key before '='`);
    if (!value) throw new CrystfelGeomError(line, `no value for '${key}'`);
    const field = { value, line };

    const slash = key.indexOf('/');
    if (slash >= 0) {
      const name = key.slice(0, slash);
      const sub = key.slice(slash + 1);
      if (!name || !sub || sub.includes('/')) throw new CrystfelGeomError(line, `cannot read key '${key}' (expected 'name/field')`);
      if (name.startsWith('bad')) {
        if (!BAD_KEYS.has(sub)) throw new CrystfelGeomError(line, `unknown bad region field '${sub}'`);
        if (!badFields.has(name)) badFields.set(name, new Map());
        badFields.get(name)!.set(sub, field);
        return;
      }
      if (!isPanelKey(sub)) throw new CrystfelGeomError(line, `unknown panel field '${sub}' for panel '${name}'`);
      if (!panelFields.has(name)) {
        panelFields.set(name, { line, inherited: new Map(defaults), own: new Map() });
        trailing.clear();
      }
      panelFields.get(name)!.own.set(sub, field);
      return;
    }
    if (key.startsWith('rigid_group_collection_')) {
      geom.rigidGroupCollections[key.slice('rigid_group_collection_'.length)] = value.split(',').map((s) => s.trim());
    } else if (key.startsWith('rigid_group_')) {
      geom.rigidGroups[key.slice('rigid_group_'.length)] = value.split(',').map((s) => s.trim());
    } else if (key === 'photon_energy') {
      geom.photonEnergy = numberOrString(field, key);
    } else if (isPanelKey(key)) {
      defaults.set(key, field);
      trailing.set(key, field);
    } else if (GLOBAL_ONLY.has(key)) {
      geom.globals[key] = value;
    } else {
      throw new CrystfelGeomError(line, `unknown top-level key '${key}'`);
    }
  });

  for (const [name, p] of panelFields) {
    const fields: Fields = new Map([...trailing, ...p.inherited, ...p.own]);
    geom.panels.push(buildPanel(name, p.line, fields));
  }
  for (const [name, fields] of badFields) geom.bad.push(buildBadRegion(name, fields));
  return geom;
}

function buildPanel(name: string, line: number, fields: Fields): CrystfelPanel {
  const need = (k: string): Field => {
    const f = fields.get(k);
    if (!f) throw new CrystfelGeomError(line, `panel '${name}' has no ${k} (neither '${name}/${k}' nor a default before it)`);
    return f;
  };
  const what = (k: string) => `${name}/${k}`;
  const int = (k: string) => parseInteger(need(k), what(k));
  const num = (k: string) => parseNumber(need(k), what(k));
  const panel: CrystfelPanel = {
    name,
    line,
    minFs: int('min_fs'),
    maxFs: int('max_fs'),
    minSs: int('min_ss'),
    maxSs: int('max_ss'),
    fs: parseVector(need('fs'), what('fs')),
    ss: parseVector(need('ss'), what('ss')),
    cornerX: num('corner_x'),
    cornerY: num('corner_y'),
    coffset: fields.has('coffset') ? num('coffset') : 0,
    res: num('res'),
    dims: [],
    extra: {},
  };
  if (panel.maxFs < panel.minFs) throw new CrystfelGeomError(need('max_fs').line, `${what('max_fs')} (${panel.maxFs}) is less than min_fs (${panel.minFs})`);
  if (panel.maxSs < panel.minSs) throw new CrystfelGeomError(need('max_ss').line, `${what('max_ss')} (${panel.maxSs}) is less than min_ss (${panel.minSs})`);
  if (panel.res <= 0) throw new CrystfelGeomError(need('res').line, `${what('res')} must be positive`);

  for (const [k, f] of fields) {
    const dim = k.match(/^dim(\d+)$/);
    if (dim) panel.dims[Number(dim[1])] = parseDim(f, what(k));
    else if (k === 'clen') panel.clen = numberOrString(f, what(k));
    else if (k === 'adu_per_eV') panel.aduPerEv = parseNumber(f, what(k));
    else if (k === 'data') panel.data = f.value;
    else if (k === 'mask') panel.mask = f.value;
    else if (!['min_fs', 'max_fs', 'min_ss', 'max_ss', 'fs', 'ss', 'corner_x', 'corner_y', 'coffset', 'res'].includes(k)) panel.extra[k] = f.value;
  }
  checkDims(panel, fields);
  return panel;
}

function checkDims(panel: CrystfelPanel, fields: Fields): void {
  if (!panel.dims.length) {
    panel.dims = ['%', 'ss', 'fs'];
    return;
  }
  const dimLine = (d: number) => fields.get(`dim${d}`)?.line ?? panel.line;
  for (let d = 0; d < panel.dims.length; d++) {
    if (panel.dims[d] === undefined) throw new CrystfelGeomError(dimLine(d + 1), `panel '${panel.name}' has dim${d + 1} but no dim${d}`);
  }
  for (const [axis, label] of [['ss', 'slow scan'], ['fs', 'fast scan']] as const) {
    const found = panel.dims.filter((d) => d === axis).length;
    if (found !== 1) throw new CrystfelGeomError(panel.line, `panel '${panel.name}' needs exactly one ${label} dim (dimN = ${axis}), found ${found}`);
  }
}

function buildBadRegion(name: string, fields: Fields): CrystfelBadRegion {
  const first = Math.min(...[...fields.values()].map((f) => f.line));
  const has = (ks: string[]) => ks.some((k) => fields.has(k));
  const fsss = has(['min_fs', 'max_fs', 'min_ss', 'max_ss']);
  const xy = has(['min_x', 'max_x', 'min_y', 'max_y']);
  if (fsss && xy) throw new CrystfelGeomError(first, `bad region '${name}' mixes x/y and fs/ss limits`);
  const need = (k: string): Field => {
    const f = fields.get(k);
    if (!f) throw new CrystfelGeomError(first, `bad region '${name}' has no ${k}`);
    return f;
  };
  const panel = fields.get('panel')?.value;
  if (fsss) {
    if (!panel) throw new CrystfelGeomError(first, `bad region '${name}' gives fs/ss limits but no panel`);
    const int = (k: string) => parseInteger(need(k), `${name}/${k}`);
    return { name, isFsss: true, panel, minFs: int('min_fs'), maxFs: int('max_fs'), minSs: int('min_ss'), maxSs: int('max_ss') };
  }
  const num = (k: string) => parseNumber(need(k), `${name}/${k}`);
  return { name, isFsss: false, panel, minX: num('min_x'), maxX: num('max_x'), minY: num('min_y'), maxY: num('max_y') };
}
