import { describe, expect, it } from 'vitest';
import { byId, byIndex } from '../../src/core/index';
import { sliceIndices, slicePositions } from '../../src/core/data/slices';
import { selectTrainIds } from '../../src/core/data/trainSelectors';
import { roiToHyperslab } from '../../src/core/data/readKey';

const tids = Array.from({ length: 10 }, (_, i) => 100 + i);

describe('Python slices', () => {
  it('resolve like slice.indices()', () => {
    expect(sliceIndices([-5, null, null], 10)).toEqual([5, 10, 1]);
    expect(sliceIndices([null, -3, null], 10)).toEqual([0, 7, 1]);
    expect(sliceIndices([-100, 100, null], 10)).toEqual([0, 10, 1]);
    expect(sliceIndices([null, null, -1], 10)).toEqual([9, -1, -1]);
    expect(slicePositions([null, null, -3], 10)).toEqual([9, 6, 3, 0]);
    expect(slicePositions([8, 2, -2], 10)).toEqual([8, 6, 4]);
    expect(() => sliceIndices([0, 1, 0], 10)).toThrow(/zero/);
  });

  it('select trains by index, negative indices counting from the end', () => {
    expect(selectTrainIds(tids, byIndex.slice(-3))).toEqual([107, 108, 109]);
    expect(selectTrainIds(tids, byIndex.slice(null, -8))).toEqual([100, 101]);
    expect(selectTrainIds(tids, byIndex.slice(null, null, 4))).toEqual([100, 104, 108]);
    expect(selectTrainIds(tids, byIndex.list([-1, 0]))).toEqual([100, 109]);
    expect(() => selectTrainIds(tids, byIndex.list([10]))).toThrow(/index 10 is out of range for 10 trains/);
  });

  it('select trains by ID: ranges with steps, lists ignoring missing IDs', () => {
    expect(selectTrainIds(tids, byId.slice(103, 109, 2))).toEqual([103, 105, 107]);
    expect(selectTrainIds(tids, byId.slice(null, 102))).toEqual([100, 101]);
    expect(selectTrainIds(tids, byId.slice(108))).toEqual([108, 109]);
    expect(selectTrainIds(tids, byId.list([109, 42, 101]))).toEqual([101, 109]);
  });

  it('turn a roi with ... into a hyperslab of one entry', () => {
    expect(roiToHyperslab(['...', [10, 12], [-3, null]], [1, 256, 256])).toEqual([[0, 1, 1], [10, 12, 1], [253, 256, 1]]);
    expect(roiToHyperslab([[null, null, 250]], [1000])).toEqual([[0, 1000, 250]]);
    expect(roiToHyperslab([null, [1, 2]], [3, 4])).toEqual([[0, 3, 1], [1, 2, 1]]);
    expect(() => roiToHyperslab([[0, 1], [0, 1]], [5])).toThrow(/2 dimensions/);
  });
});

describe('small format helpers', () => {
  it('formats run durations as EXtra-data prints them', async () => {
    const { formatDuration } = await import('../../src/core/data/info');
    expect(formatDuration(10000, 10259)).toBe('0:00:26.0');
    expect(formatDuration(0, 4)).toBe('0:00:00.5');
    expect(formatDuration(0, 36000 * 25 - 1)).toBe('1 day, 1:00:00.0');
  });

  it('guesses valid trains in old files without INDEX/flag: fewest trains dropped for a monotonic sequence', async () => {
    const { guessValidTrains } = await import('../../src/core/format/trainIndex');
    expect(Array.from(guessValidTrains(Float64Array.from([1, 2, 3, 4])))).toEqual([1, 1, 1, 1]);
    // A lone jump backwards is the bad train
    expect(Array.from(guessValidTrains(Float64Array.from([1, 2, 3, 99, 4, 5])))).toEqual([1, 1, 1, 0, 1, 1]);
    expect(Array.from(guessValidTrains(Float64Array.from([1, 2, 3, 1, 4, 5])))).toEqual([1, 1, 1, 0, 1, 1]);
  });
});
