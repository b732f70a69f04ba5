// Reductions over many trains read the same amount of data task after task. A fresh typed
// array per read costs page faults on first touch, which threads of one process take in
// turn: reusing one buffer per dtype keeps pool workers from queueing on them.
import type { DataCollection } from '../data/dataCollection';
import { allocate, typedArrayFor, type NumpyDtype, type NumericArray } from '../h5/dtypes';
import type { LabelledArray } from '../data/types';

export class ReadBuffers {
  private readonly kept = new Map<string, NumericArray>();

  /** `view.getArray(source, key)`, read into a kept buffer (grown when too small): valid until the next read. */
  getArray(view: DataCollection, source: string, key: string): LabelledArray {
    const { dtype, shape, entries } = view.keyInfo(source, key);
    if (dtype === 'str') return view.getArray(source, key);
    const length = entries * shape.reduce((a, b) => a * b, 1);
    let buffer = this.kept.get(dtype);
    if (!buffer || buffer.length < length || !(buffer instanceof typedArrayFor(dtype as NumpyDtype))) {
      buffer = allocate(dtype as NumpyDtype, length);
      this.kept.set(dtype, buffer);
    }
    return view.getArray(source, key, { out: buffer });
  }
}
