// Evaluates the components / stack_detector_data reference calls against our API:
// `LPD1M(run, modules=[..]).get_array('image.data', pulses=by_index[1:3])`,
// `stack_detector_data(train_from_id(T)[1], 'image.data', fillvalue=0)`, …
import { AGIPD1M, DSSC1M, LPD1M, byId, byIndex, stackDetectorData, type DataCollection, type DetectorOptions, type MultiModuleDetector, type PulseSelector, type TrainData } from '../../src/core/index';
import { parsePython, type PyNode } from './pythonCall';

const DETECTORS: Record<string, new (run: DataCollection, o?: DetectorOptions) => MultiModuleDetector> = { AGIPD1M, LPD1M, DSSC1M };

/** The sources stack_detector_data is given in the references: the detector modules only. */
export const DETECTOR_SOURCES = '*/DET/*';

export async function evaluateComponentCall(call: string, run: () => Promise<DataCollection>): Promise<unknown> {
  return evaluate(parsePython(call.replace(/ \[first \d+ trains\]$/, '')), run);
}

async function evaluate(node: PyNode, run: () => Promise<DataCollection>): Promise<unknown> {
  const ev = (n: PyNode) => evaluate(n, run);
  switch (node.t) {
    case 'str':
    case 'num':
      return node.value;
    case 'list':
      return Promise.all(node.items.map(ev));
    case 'name':
      if (node.name === 'run') return run();
      throw new Error(`unknown name ${node.name}`);
    case 'index':
      if (node.obj.t === 'name' && (node.obj.name === 'by_id' || node.obj.name === 'by_index')) return selector(node.obj.name, node.items[0]);
      return ((await ev(node.obj)) as unknown[])[(await ev(node.items[0])) as number];
    case 'call':
      return callFunction(node, ev, run);
    default:
      throw new Error(`unsupported node ${node.t}`);
  }
}

async function callFunction(node: Extract<PyNode, { t: 'call' }>, ev: (n: PyNode) => Promise<unknown>, run: () => Promise<DataCollection>): Promise<unknown> {
  const args = await Promise.all(node.args.map(ev));
  const kw: Record<string, any> = {};
  for (const [k, v] of Object.entries(node.kwargs)) kw[k] = await ev(v);
  if (node.fn.t === 'name') {
    const name = node.fn.name;
    if (name in DETECTORS) return new DETECTORS[name](args[0] as DataCollection, { detectorName: kw.detector_name, modules: kw.modules, minModules: kw.min_modules });
    if (name === 'train_from_id') return (await run()).select(DETECTOR_SOURCES).trainFromId(args[0] as number);
    if (name === 'stack_detector_data') return stackDetectorData(args[0] as TrainData, args[1] as string, { fillvalue: kw.fillvalue, axis: kw.axis, modules: kw.modules });
    throw new Error(`no translation for ${name}`);
  }
  if (node.fn.t !== 'attr') throw new Error('unsupported call');
  const obj = await ev(node.fn.obj);
  switch (node.fn.name) {
    case 'select_trains':
      return (obj as DataCollection).selectTrains(args[0] as PulseSelector);
    case 'get_array':
      return (obj as MultiModuleDetector).getArray(args[0] as string, { pulses: kw.pulses });
    case 'trains':
      return (obj as MultiModuleDetector).trains({ pulses: kw.pulses });
    default:
      throw new Error(`no translation for method ${node.fn.name}`);
  }
}

function selector(by: 'by_id' | 'by_index', item: PyNode): PulseSelector {
  const pick = by === 'by_id' ? byId : byIndex;
  const num = (n: PyNode | null) => (n === null ? null : n.t === 'num' ? n.value : fail(n));
  if (item.t === 'slice') return pick.slice(num(item.start), num(item.stop), num(item.step));
  if (item.t === 'list') return pick.list(item.items.map((n) => num(n)!));
  if (item.t === 'num') return pick.list([item.value]);
  return fail(item);
}

function fail(n: PyNode): never {
  throw new Error(`unsupported selector item ${n.t}`);
}
