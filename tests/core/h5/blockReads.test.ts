// WORKERFS's reads through the block cache: the bytes asked for, across block boundaries, in
// small and large files; few reads of the file itself; memory bounded.
import { describe, expect, it } from 'vitest';
import { BlockCache } from '../../../src/core/h5/blockReads';

function fileOf(size: number, seed = 1): { blob: Blob; bytes: Uint8Array } {
  const bytes = new Uint8Array(size);
  let x = seed;
  for (let i = 0; i < size; i++) bytes[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
  return { blob: new Blob([bytes]), bytes };
}

/** Reads straight from the bytes behind each Blob, counting calls. */
function cacheOver(files: Array<{ blob: Blob; bytes: Uint8Array }>, blockSize?: number, maxBytes?: number) {
  const calls: Array<[number, number]> = [];
  const cache = new BlockCache((blob, start, end) => {
    calls.push([start, end]);
    return files.find((f) => f.blob === blob)!.bytes.slice(start, end);
  }, blockSize, maxBytes);
  return { cache, calls };
}

describe('BlockCache', () => {
  it('gives the bytes asked for, across block boundaries and at the end of a large file', () => {
    const f = fileOf(5 * 1024 * 1024 + 123);
    const { cache, calls } = cacheOver([f]);
    for (const [position, length] of [[0, 8], [65530, 20], [65536 * 3 - 1, 2], [f.bytes.length - 10, 100], [1000, 70000], [f.bytes.length, 5]]) {
      const into = new Int8Array(length + 4);
      const n = cache.read(f.blob, into, 4, length, position);
      const want = f.bytes.subarray(position, Math.min(f.bytes.length, position + length));
      expect(n).toBe(want.length);
      expect(Array.from(new Uint8Array(into.buffer, 4, n))).toEqual(Array.from(want));
    }
    // Small reads of a block read it once
    const before = calls.length;
    for (let i = 0; i < 100; i++) cache.read(f.blob, new Uint8Array(16), 0, 16, 200 + i * 16);
    expect(calls.length).toBe(before);
  });

  it('reads a small file whole on its first read, once', () => {
    const f = fileOf(300 * 1024);
    const { cache, calls } = cacheOver([f]);
    const into = new Uint8Array(32);
    for (const position of [0, 150_000, 299_000, 4096]) {
      cache.read(f.blob, into, 0, 32, position);
      expect(Array.from(into)).toEqual(Array.from(f.bytes.subarray(position, position + 32)));
    }
    expect(calls).toEqual([[0, 300 * 1024]]);
  });

  it('keeps at most maxBytes of blocks, the least recently used going first', () => {
    const files = [fileOf(2 * 1024 * 1024, 1), fileOf(2 * 1024 * 1024, 2)];
    const { cache, calls } = cacheOver(files, 64 * 1024, 3 * 64 * 1024);
    const readAt = (f: number, block: number) => cache.read(files[f].blob, new Uint8Array(8), 0, 8, block * 65536 + 10);
    readAt(0, 0);
    readAt(1, 0);
    readAt(0, 1);
    readAt(0, 0); // used again: now the newest
    readAt(1, 5); // a fourth block: file 1's block 0 goes
    const n = calls.length;
    readAt(0, 0);
    readAt(0, 1);
    readAt(1, 5);
    expect(calls.length).toBe(n);
    readAt(1, 0);
    expect(calls.length).toBe(n + 1);
  });
});
