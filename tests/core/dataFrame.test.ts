import { describe, expect, it } from 'vitest';
import { buildDataFrame } from '../../src/core/data/dataFrame';
import type { Series } from '../../src/core/index';

const series = (name: string, index: number[], values: Series['values']): Series => ({ name, index, indexNames: ['trainId'], values, dtype: 'float32' });

describe('buildDataFrame', () => {
  it('joins on trainId: rows by train whatever the order, NaN / null where a train is missing', () => {
    const df = buildDataFrame([
      series('a', [1, 2, 3], Float32Array.from([10, 20, 30])),
      series('b', [3, 1], Float32Array.from([33, 11])),
      { ...series('s', [2], ['two']), dtype: 'str' },
    ]);
    expect(df.index).toEqual([1, 2, 3]);
    expect(Array.from(df.data.a as Float64Array)).toEqual([10, 20, 30]);
    expect(Array.from(df.data.b as Float64Array)).toEqual([11, NaN, 33]);
    expect(df.data.s).toEqual([null, 'two', null]);
  });

  it('keeps complete 64-bit columns as BigInt and refuses several values per train', () => {
    const df = buildDataFrame([{ ...series('t', [1, 2], BigUint64Array.from([5n, 6n])), dtype: 'uint64' }]);
    expect(df.data.t).toEqual(BigUint64Array.from([5n, 6n]));
    expect(() => buildDataFrame([series('d', [1, 1], Float32Array.from([1, 2]))])).toThrow(/several values for one train/);
  });
});
