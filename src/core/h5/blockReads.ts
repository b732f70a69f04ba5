// h5wasm's WORKERFS answers every read HDF5 makes with File.slice + FileReaderSync: a round
// trip to the browser per read, and opening a file takes dozens of small ones (superblock,
// object headers, B-tree nodes, INDEX). Small reads are served from 64 KiB blocks kept in a
// small LRU (32 MB) instead; large reads (detector frames) still go straight to the file.

/** Reads bytes [start, end) of a file synchronously. */
export type ReadRange = (file: Blob, start: number, end: number) => Uint8Array;

/** Files up to this size are read whole on their first read (a few small files per run: slow data). */
const WHOLE_FILE_BYTES = 1024 * 1024;

export class BlockCache {
  private readonly blocks = new Map<string, Uint8Array>();
  private bytes = 0;
  private readonly ids = new WeakMap<Blob, number>();
  private nextId = 0;

  constructor(private readonly readRange: ReadRange, readonly blockSize = 64 * 1024, readonly maxBytes = 32 * 1024 * 1024) {}

  /** Copies bytes [position, position + length) of `file` (clipped to its size) into `into` at `offset`; returns how many. */
  read(file: Blob, into: Uint8Array | Int8Array, offset: number, length: number, position: number): number {
    const end = Math.min(file.size, position + length);
    if (end <= position) return 0;
    if (end - position >= this.blockSize) {
      into.set(this.readRange(file, position, end), offset);
      return end - position;
    }
    // A small file is one block: one round trip opens it
    const blockSize = file.size <= WHOLE_FILE_BYTES ? file.size : this.blockSize;
    for (let pos = position, out = offset; pos < end; ) {
      const index = Math.floor(pos / blockSize);
      const block = this.block(file, index, blockSize);
      const from = pos - index * blockSize;
      const n = Math.min(block.length - from, end - pos);
      into.set(block.subarray(from, from + n), out);
      pos += n;
      out += n;
    }
    return end - position;
  }

  private block(file: Blob, index: number, blockSize: number): Uint8Array {
    let id = this.ids.get(file);
    if (id === undefined) this.ids.set(file, (id = this.nextId++));
    const key = `${id}:${index}`;
    let block = this.blocks.get(key);
    if (block) {
      this.blocks.delete(key); // most recently used last
    } else {
      const start = index * blockSize;
      block = this.readRange(file, start, Math.min(file.size, start + blockSize));
      this.bytes += block.length;
      for (const [oldest, kept] of this.blocks) {
        if (this.bytes <= this.maxBytes) break;
        this.blocks.delete(oldest);
        this.bytes -= kept.length;
      }
    }
    this.blocks.set(key, block);
    return block;
  }
}

interface WorkerFs {
  stream_ops: { read(stream: { node: { contents: Blob } }, buffer: Int8Array, offset: number, length: number, position: number): number };
}

let installed = false;

/** Makes WORKERFS read through a BlockCache (once per worker). */
export function cacheWorkerfsReads(workerfs: WorkerFs): void {
  if (installed) return;
  installed = true;
  const reader = new FileReaderSync();
  const cache = new BlockCache((file, start, end) => new Uint8Array(reader.readAsArrayBuffer(file.slice(start, end))));
  workerfs.stream_ops.read = (stream, buffer, offset, length, position) => cache.read(stream.node.contents, buffer, offset, length, position);
}
