// Fast (pulse-resolved) XGM analyses of docs 3.16–3.17: the intensity image, and the
// on/off pulse suppression ratio with error bars per train and overall.
import type { ArrayValue, NumericArray } from '../h5/dtypes';

/** Pulses `start, start+step, …` below `stop`, as the docs' numpy slice `[:, start:stop:step]`. */
export interface PulsePattern {
  start: number;
  stop: number;
  step: number;
}

/** A (trains × pulses) intensity image transposed to (pulses × trains): pulse on y, as the docs plot it. */
export function pulseIntensityImage(intensity: ArrayValue<NumericArray>, options: { pulses?: number } = {}): ArrayValue<Float32Array> {
  const [nT, nAll] = trainsByPulses(intensity);
  const nP = Math.min(options.pulses ?? nAll, nAll);
  const out = new Float32Array(nP * nT);
  const src = intensity.data as Float32Array;
  for (let t = 0; t < nT; t++) for (let p = 0; p < nP; p++) out[p * nT + t] = src[t * nAll + p];
  return { data: out, shape: [nP, nT], dtype: 'float32' };
}

export interface RatioPerTrain {
  /** mean(off) / mean(on) per train. */
  ratio: Float64Array;
  /** Absolute error: ratio · √((σ_off/μ_off)² + (σ_on/μ_on)²), σ the population std. */
  error: Float64Array;
  meanOn: Float64Array;
  meanOff: Float64Array;
}

export interface SuppressionRatio {
  perTrain: RatioPerTrain;
  /** From one mean and std of all "on" and all "off" values (docs 3.17), not an average of ratios. */
  overall: { ratio: number; error: number };
}

/** The suppression ratio of "off" to "on" pulses (docs 3.16.1 [6]–[9] and 3.17 [20]–[24]). */
export function suppressionRatio(intensity: ArrayValue<NumericArray>, on: PulsePattern, off: PulsePattern): SuppressionRatio {
  const [nT, nP] = trainsByPulses(intensity);
  const onPulses = patternPulses(on, nP);
  const offPulses = patternPulses(off, nP);
  if (!onPulses.length || !offPulses.length) throw new RangeError(`the on and off patterns must each pick at least one of the ${nP} pulses`);
  const data = intensity.data as Float32Array;
  const perTrain: RatioPerTrain = { ratio: new Float64Array(nT), error: new Float64Array(nT), meanOn: new Float64Array(nT), meanOff: new Float64Array(nT) };
  const allOn = new Moments();
  const allOff = new Moments();
  for (let t = 0; t < nT; t++) {
    const mOn = new Moments();
    const mOff = new Moments();
    for (const p of onPulses) mOn.add(data[t * nP + p]);
    for (const p of offPulses) mOff.add(data[t * nP + p]);
    allOn.merge(mOn);
    allOff.merge(mOff);
    const r = ratioWithError(mOn, mOff);
    perTrain.ratio[t] = r.ratio;
    perTrain.error[t] = r.error;
    perTrain.meanOn[t] = mOn.mean;
    perTrain.meanOff[t] = mOff.mean;
  }
  return { perTrain, overall: ratioWithError(allOn, allOff) };
}

function ratioWithError(on: Moments, off: Moments): { ratio: number; error: number } {
  const ratio = off.mean / on.mean;
  const rel = Math.sqrt((off.std / off.mean) ** 2 + (on.std / on.mean) ** 2);
  return { ratio, error: rel * ratio };
}

/** Count, mean and squared deviations (Welford; merged with Chan's formula): no cancellation. */
class Moments {
  n = 0;
  mean = 0;
  m2 = 0;

  add(v: number): void {
    this.n++;
    const d = v - this.mean;
    this.mean += d / this.n;
    this.m2 += d * (v - this.mean);
  }

  merge(o: Moments): void {
    if (!o.n) return;
    const n = this.n + o.n;
    const d = o.mean - this.mean;
    this.mean += (d * o.n) / n;
    this.m2 += o.m2 + (d * d * this.n * o.n) / n;
    this.n = n;
  }

  /** numpy's np.std (ddof=0). */
  get std(): number {
    return Math.sqrt(this.m2 / this.n);
  }
}

export function patternPulses({ start, stop, step }: PulsePattern, nPulses: number): number[] {
  if (!(step > 0) || !Number.isInteger(step) || !Number.isInteger(start) || !Number.isInteger(stop) || start < 0) {
    throw new RangeError(`pulse pattern ${start}:${stop}:${step} needs integers, start ≥ 0 and step > 0`);
  }
  const out: number[] = [];
  for (let p = start; p < Math.min(stop, nPulses); p += step) out.push(p);
  return out;
}

function trainsByPulses(a: ArrayValue<NumericArray>): [number, number] {
  if (a.shape.length !== 2) throw new RangeError(`pulse-resolved intensity should be (trains, pulses), got (${a.shape.join(', ')})`);
  return [a.shape[0], a.shape[1]];
}
