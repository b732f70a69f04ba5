// Which frames of a train a pulse selection picks: byIndex by position in the train,
// byId by pulse ID. The same selector types as trains (byIndex / byId).
import type { PySlice } from '../data/slices';
import type { TrainSelector } from '../data/trainSelectors';

export type PulseSelector = TrainSelector;

/** EXtra-data's bound for open slices: no train has more pulses. */
const MAX_PULSES = 2700;

/** Checks a selection once, so each train only filters. */
export function checkPulseSelection(sel: PulseSelector): void {
  const values = 'list' in sel ? sel.list : sel.slice.filter((v): v is number => v !== null && v !== undefined);
  if (values.some((v) => !Number.isInteger(v))) throw new TypeError('Pulse selections use integers');
  if ('slice' in sel && (sel.slice[2] ?? 1) < 1) throw new RangeError('Pulse selection slice must have positive step');
  if (values.some((v) => v < 0)) {
    throw new RangeError(sel.by === 'id' ? 'Pulse IDs cannot be negative' : 'Negative pulse indices not supported');
  }
}

/** Ascending positions within a train of `count` frames with these pulse IDs. */
export function selectedPositions(sel: PulseSelector, count: number, pulseIds: () => ArrayLike<number>): number[] {
  if (sel.by === 'index') {
    const picked = 'list' in sel ? sel.list.filter((i) => i < count) : rangeValues(sel.slice, count);
    return [...new Set(picked)].sort((a, b) => a - b);
  }
  const ids = pulseIds();
  const wanted = 'list' in sel ? new Set(sel.list) : null;
  const [start, stop, step] = 'slice' in sel ? bounds(sel.slice) : [0, 0, 1];
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const id = ids[i];
    if (wanted ? wanted.has(id) : id >= start && id < stop && (id - start) % step === 0) out.push(i);
  }
  return out;
}

/** A slice's start, stop and step with EXtra-data's defaults (0, MAX_PULSES, 1). */
function bounds([start, stop, step]: PySlice): [number, number, number] {
  return [start ?? 0, stop ?? MAX_PULSES, step ?? 1];
}

function rangeValues(slice: PySlice, count: number): number[] {
  const [start, stop, step] = bounds(slice);
  const out: number[] = [];
  for (let i = start; i < Math.min(stop, count); i += step) out.push(i);
  return out;
}
