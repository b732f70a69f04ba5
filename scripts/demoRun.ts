// The demo run the app opens with "Open demo run": an SPB-like run with an XGM, a beam
// camera and 16 AGIPD modules showing powder rings, and SA3's photo-electron spectrometer
// (digitizer traces and its slow data, docs 3.15.2). Kept small (< 30 MB) for the build.
import {
  agipdRingPattern, camera, deterministicControlSource, digitizer, writeSyntheticRun, xgm,
  type ControlKeyDef, type DeviceBuilder, type SyntheticRunSpec,
} from '../src/core/synthetic';
import { PES_ADC, PES_CHANNELS, PES_SAMPLES, PES_SEED } from './demoPes';

export const DEMO_RUN_NUMBER = 1;
const FIRST_TRAIN = 1_000_000_000;
const N_TRAINS = 300;
const XGM_PULSES = 30;
/** The AGIPD recorded 20 trains in the middle of the run, 3 pulses each. */
const AGIPD_TRAINS = Array.from({ length: 20 }, (_, i) => FIRST_TRAIN + 140 + i);

/** Pulse energy (µJ), shared by the XGM and the AGIPD images so the two agree. */
function pulseEnergy(toff: number, pulse: number): number {
  return 1000 + 150 * Math.sin(0.05 * toff) + 120 * Math.sin(12.9898 * (toff + 1) * (pulse + 1)) ** 3;
}

function intensityTD(toff: number, out: Float32Array): void {
  for (let p = 0; p < XGM_PULSES; p++) out[p] = pulseEnergy(toff, p);
}

/** A beam spot wandering with the XGM's beam position, on a dark background. */
function beamSpot(toff: number, out: Uint16Array, width: number): void {
  const height = out.length / width;
  const cx = width / 2 + 20 * Math.sin(0.1 * toff);
  const cy = height / 2 + 20 * Math.cos(0.1 * toff);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const g = Math.exp(-((x - cx) ** 2 + (y - cy) ** 2) / (2 * 14 ** 2));
      out[y * width + x] = 100 + 16 * Math.floor((3800 * g) / 16); // quantised: compresses well
    }
  }
}

/**
 * The PES: its ADC's traces, whose peaks follow the pulse energy, and the slow data the docs
 * annotate the plot with (MCP voltages; the gas interlocks, neon open).
 */
function pesDevices(): DeviceBuilder[] {
  const control = (name: string, keys: ControlKeyDef[]): DeviceBuilder =>
    (ctx) => [deterministicControlSource(name, keys, ctx.trainIds.map((t) => t - ctx.firstTrainId))];
  const voltages = [0, 1, 2, 3].map((i): ControlKeyDef => (
    { key: `channels.U20${i}.measurementSenseVoltage`, dtype: 'float32', value: () => -0.1 - 0.003 * i }));
  const interlocks = ['V30300S_NITROGEN', 'V30310S_NEON', 'V30320S_KRYPTON', 'V30330S_XENON'].map((valve) => control(
    `SA3_XTD10_PES/DCTRL/${valve}`, [{ key: 'interlock.AActionState', dtype: 'uint32', value: () => Number(!valve.endsWith('NEON')) }]));
  const adc = digitizer(PES_ADC, {
    channels: PES_CHANNELS, samples: PES_SAMPLES, seed: PES_SEED, amplitude: (toff) => pulseEnergy(toff, 0) / 1000,
  });
  return [adc, control('SA3_XTD10_PES/MCPS/MPOD', voltages), ...interlocks];
}

export function demoRunSpec(): SyntheticRunSpec {
  return {
    runNumber: DEMO_RUN_NUMBER,
    formatVersion: '1.0',
    firstTrainId: FIRST_TRAIN,
    nTrains: N_TRAINS,
    aggregators: [{
      name: 'DA01',
      trainsPerSequence: 200,
      devices: [
        xgm('SPB_XTD9_XGM/DOOCS/MAIN', { intensityTD }),
        camera('SPB_EXP_ZYLA/CAM/1', { shape: [256, 256], pixels: beamSpot }),
      ],
    }, {
      name: 'DA02',
      trainsPerSequence: 200,
      devices: pesDevices(),
    }],
    detector: {
      type: 'AGIPD',
      framesPerTrain: 3,
      trainIds: AGIPD_TRAINS,
      fillFrame: agipdRingPattern({ pulseEnergy: (toff, p) => pulseEnergy(toff, p) / 1000 }),
    },
  };
}

/** Writes the demo run into a new folder; returns its file names. */
export function writeDemoRun(dir: string): Promise<string[]> {
  return writeSyntheticRun(dir, demoRunSpec());
}
