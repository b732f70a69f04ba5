// An X-ray gas monitor (XGM), as DOOCS writes it through Karabo: slow control keys, and a
// ':output' channel with pulse-resolved arrays of 1000 entries per train.
import type { InstrumentKeySpec } from './euxfelFile';
import { deterministicControlSource, runOnlyString, type ControlKeyDef } from './controlValues';
import { trainOffsets, type DeviceBuilder } from './devices';

/** The XGM's control keys in sorted order (k = index), as the fixtures have them. */
export const XGM_CONTROL_KEYS: ControlKeyDef[] = [
  { key: 'beamPosition.ixPos', dtype: 'float32', value: (t) => Math.sin(0.1 * t) },
  { key: 'beamPosition.iyPos', dtype: 'float32', value: (t) => Math.cos(0.1 * t) },
  ...['bottom', 'left', 'right', 'top'].flatMap((side): ControlKeyDef[] => [
    { key: `current.${side}.output`, dtype: 'float32' },
    { key: `current.${side}.rangeCode`, dtype: 'int32' },
  ]),
  { key: 'gasDosing.measuredPressure', dtype: 'float32' },
  { key: 'gasDosing.pressureSetPoint', dtype: 'float32' },
  { key: 'gasSupply.gasTypeId', dtype: 'int32' },
  { key: 'gasSupply.gsdCompatId', dtype: 'int32' },
  { key: 'pollingInterval', dtype: 'int32' },
  { key: 'pressure.dcr', dtype: 'float32' },
  { key: 'pressure.gasType', dtype: 'int32' },
  { key: 'pressure.pressure1', dtype: 'float32' },
  { key: 'pressure.pressureFiltered', dtype: 'float32' },
  { key: 'pressure.rd', dtype: 'float32' },
  { key: 'pressure.rsp', dtype: 'float32' },
  { key: 'pulseEnergy.conversion', dtype: 'float64' },
  { key: 'pulseEnergy.crossUsed', dtype: 'float32' },
  { key: 'pulseEnergy.gammaUsed', dtype: 'float32' },
  { key: 'pulseEnergy.gmdError', dtype: 'int32' },
  { key: 'pulseEnergy.nummberOfBunches', dtype: 'float32' }, // sic: the DOOCS property name
  { key: 'pulseEnergy.photonFlux', dtype: 'float32', value: (t) => 1000 + (t % 100) },
  { key: 'pulseEnergy.pressure', dtype: 'float32' },
  { key: 'pulseEnergy.temperature', dtype: 'float32' },
  { key: 'pulseEnergy.usedGasType', dtype: 'int32' },
  { key: 'pulseEnergy.wavelengthUsed', dtype: 'float32' },
  { key: 'signalAdaption.dig', dtype: 'int32' },
  { key: 'state', dtype: 'str', value: (t) => (t % 50 >= 40 ? 'ACQUIRING' : 'ON') },
];

/** Per-pulse arrays of the ':output' channel; only intensityTD is ever filled. */
export const XGM_OUTPUT_KEYS = ['intensityAUXTD', 'intensitySigma.x_data', 'intensitySigma.y_data', 'intensityTD', 'xTD', 'yTD'];

export const XGM_PULSE_SLOTS = 1000;

const INTENSITY_UNITS = {
  metricPrefixEnum: new Int32Array([14]), metricPrefixName: 'micro', metricPrefixSymbol: 'u',
  unitEnum: new Int32Array([15]), unitName: 'joule', unitSymbol: 'J',
};

export interface XgmOptions {
  /** Also write the ':output' channel (default true). */
  output?: boolean;
  /** intensityTD of one train; default the fixtures' (toff % 97)·1000 + i. */
  intensityTD?: (toff: number, out: Float32Array) => void;
}

/** An XGM such as 'SA1_XTD2_XGM/DOOCS/MAIN', one control entry and one output entry per train. */
export function xgm(name: string, opts: XgmOptions = {}): DeviceBuilder {
  return (ctx) => {
    const toffs = trainOffsets(ctx);
    const control = deterministicControlSource(name, XGM_CONTROL_KEYS, toffs);
    control.runOnlyKeys = { classId: runOnlyString('DoocsXGM') };
    if (opts.output === false) return [control];

    const n = toffs.length;
    const intensity = new Float32Array(n * XGM_PULSE_SLOTS);
    const fill = opts.intensityTD ?? defaultIntensityTD;
    toffs.forEach((t, i) => fill(t, intensity.subarray(i * XGM_PULSE_SLOTS, (i + 1) * XGM_PULSE_SLOTS)));
    const shape = [n, XGM_PULSE_SLOTS];
    const keys: Record<string, InstrumentKeySpec> = {};
    for (const key of XGM_OUTPUT_KEYS) {
      keys[key] = key === 'intensityTD'
        ? { value: { data: intensity, shape, dtype: 'float32' }, attrs: INTENSITY_UNITS }
        : { value: { unwritten: true, shape, dtype: 'float32' } };
    }
    return [control, { kind: 'instrument', name: `${name}:output`, groups: { data: { counts: toffs.map(() => 1), keys } } }];
  };
}

function defaultIntensityTD(toff: number, out: Float32Array): void {
  const base = (toff % 97) * 1000;
  for (let i = 0; i < out.length; i++) out[i] = base + i;
}
