// Keeps at most `maxOpen` HDF5 files open: runs have hundreds of files, and every
// open file costs memory (and a WORKERFS mount in the browser).
import { HDF5File, type H5Source } from '../h5/h5File';
import type { H5Wasm } from '../h5/h5wasmModule';

export class HandlePool {
  private readonly open = new Map<H5Source, HDF5File>();

  constructor(private readonly h5: H5Wasm, public maxOpen = 64) {}

  /** The open handle for a file, opening it (and closing the least recently used) if needed. */
  get(src: H5Source): HDF5File {
    let f = this.open.get(src);
    if (f) {
      // Move to the most recently used end
      this.open.delete(src);
      this.open.set(src, f);
      return f;
    }
    f = HDF5File.openSync(this.h5, src);
    this.open.set(src, f);
    while (this.open.size > this.maxOpen) {
      const [oldest, handle] = this.open.entries().next().value as [H5Source, HDF5File];
      this.open.delete(oldest);
      handle.close();
    }
    return f;
  }

  has(src: H5Source): boolean {
    return this.open.has(src);
  }

  /** Closes one file if it is open (an open that was cancelled). */
  close(src: H5Source): void {
    const f = this.open.get(src);
    if (!f) return;
    this.open.delete(src);
    f.close();
  }

  get size(): number {
    return this.open.size;
  }

  closeAll(): void {
    for (const f of this.open.values()) f.close();
    this.open.clear();
  }
}
