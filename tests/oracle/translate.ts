// Evaluates a reference's Python `call` against our API: snake_case methods become
// camelCase ones, by_id/by_index subscripts become train selectors or rois, and
// Python literals become JS values. `run` is implicit, as in the references.
import { join } from 'node:path';
import { byId, byIndex, H5File, RunDirectory, type DataCollection, type Roi, type TrainSelector } from '../../src/core/index';
import { FIXTURES } from './oracle';
import { parsePython, type PyNode } from './pythonCall';

const SELECTOR = Symbol('selector');
interface PySelector {
  [SELECTOR]: true;
  by: 'id' | 'index';
  items: PyNode[];
}

/** Method calls with their Python keyword arguments mapped onto our options objects. */
const METHODS: Record<string, (dc: DataCollection, args: unknown[], kw: Record<string, unknown>) => unknown> = {
  keys_for_source: (dc, [s]) => dc.keysForSource(s as string),
  get_data_counts: (dc, [s, k]) => dc.getDataCounts(s as string, k as string),
  get_series: (dc, [s, k]) => dc.getSeries(s as string, k as string),
  get_array: (dc, [s, k], kw) => dc.getArray(s as string, k as string, { roi: kw.roi ? toRoi(kw.roi as PySelector) : undefined }),
  get_dataframe: (dc, _a, kw) => dc.getDataFrame({ fields: kw.fields as never, timestamps: kw.timestamps as boolean | undefined }),
  select: (dc, args) => dc.select(args[0] as never, args[1] as string | undefined),
  deselect: (dc, args) => dc.deselect(args[0] as never, args[1] as string | undefined),
  select_trains: (dc, [sel]) => dc.selectTrains(toTrainSelector(sel as PySelector)),
  union: (dc, others) => dc.union(...(others as DataCollection[])),
  train_from_id: (dc, [id], kw) => dc.trainFromId(id as number, { devices: kw.devices as never }),
  train_from_index: (dc, [i], kw) => dc.trainFromIndex(i as number, { devices: kw.devices as never }),
  trains: (dc, _a, kw) =>
    dc.trains({
      devices: kw.devices as never,
      trainRange: kw.train_range ? toTrainSelector(kw.train_range as PySelector) : undefined,
      requireAll: kw.require_all as boolean | undefined,
    }),
  info: (dc) => dc.info(),
  detector_info: (dc, [s]) => dc.detectorInfo(s as string),
};

const ATTRIBUTES: Record<string, (dc: DataCollection) => unknown> = {
  all_sources: (dc) => dc.allSources,
  detector_sources: (dc) => dc.detectorSources,
  files: (dc) => dc.files,
};

export async function evaluateCall(call: string, run: () => Promise<DataCollection>): Promise<unknown> {
  // union_conflict writes RunDirectory(format-0.5-run) without quotes
  const src = call.replace(/(RunDirectory|H5File)\(([\w.\/-]+)\)/g, "$1('$2')");
  return evaluate(parsePython(src), run);
}

async function evaluate(node: PyNode, run: () => Promise<DataCollection>): Promise<unknown> {
  const ev = (n: PyNode) => evaluate(n, run);
  switch (node.t) {
    case 'str':
    case 'num':
      return node.value;
    case 'name':
      if (node.name === 'True' || node.name === 'False') return node.name === 'True';
      if (node.name === 'None') return null;
      throw new Error(`unknown name ${node.name}`);
    case 'list':
    case 'tuple':
    case 'set':
      return Promise.all(node.items.map(ev));
    case 'dict': {
      const out: Record<string, unknown> = {};
      for (const [k, v] of node.entries) out[(await ev(k)) as string] = await ev(v);
      return out;
    }
    case 'index': {
      if (node.obj.t === 'name' && (node.obj.name === 'by_id' || node.obj.name === 'by_index')) {
        return { [SELECTOR]: true, by: node.obj.name === 'by_id' ? 'id' : 'index', items: node.items } satisfies PySelector;
      }
      const obj = await ev(node.obj);
      if (node.items[0]?.t === 'star') return obj; // files[*]
      throw new Error(`unsupported subscript in ${JSON.stringify(node)}`);
    }
    case 'attr': {
      const obj = await ev(node.obj);
      if (Array.isArray(obj) && node.name === 'format_version') {
        return Object.fromEntries((obj as DataCollection['files']).map((f) => [f.filename, f.formatVersion]));
      }
      const get = ATTRIBUTES[node.name];
      if (!get) throw new Error(`unknown attribute ${node.name}`);
      return get(obj as DataCollection);
    }
    case 'call': {
      const args = await Promise.all(node.args.map(ev));
      const kw: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(node.kwargs)) kw[k] = await ev(v);
      if (node.fn.t === 'name') {
        const name = node.fn.name;
        if (name === 'set') return [];
        if (name === 'RunDirectory') return RunDirectory(join(FIXTURES, args[0] as string));
        if (name === 'H5File') return H5File(join(FIXTURES, args[0] as string));
        return callMethod(await run(), name, args, kw);
      }
      if (node.fn.t === 'attr') return callMethod((await ev(node.fn.obj)) as DataCollection, node.fn.name, args, kw);
      throw new Error('unsupported call');
    }
    default:
      throw new Error(`unsupported node ${node.t}`);
  }
}

function callMethod(dc: DataCollection, name: string, args: unknown[], kw: Record<string, unknown>): unknown {
  const m = METHODS[name];
  if (!m) throw new Error(`no translation for method ${name}`);
  return m(dc, args, kw);
}

function literal(n: PyNode | null): number | null {
  if (n === null) return null;
  if (n.t !== 'num') throw new Error(`expected a number, got ${n.t}`);
  return n.value;
}

function toTrainSelector(sel: PySelector): TrainSelector {
  const [item] = sel.items;
  const pick = sel.by === 'id' ? byId : byIndex;
  if (item.t === 'slice') return pick.slice(literal(item.start), literal(item.stop), literal(item.step));
  if (item.t === 'list') return pick.list(item.items.map((n) => literal(n)!));
  throw new Error(`unsupported train selector ${item.t}`);
}

function toRoi(sel: PySelector): Roi {
  return sel.items.map((item) => {
    if (item.t === 'ellipsis') return '...';
    if (item.t === 'slice') return [literal(item.start), literal(item.stop), literal(item.step)];
    throw new Error(`unsupported roi item ${item.t}`);
  });
}
