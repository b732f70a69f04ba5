// Validation on broken copies of a fixture (train IDs, timestamps, INDEX, METADATA, the
// run-map cache), check skipping, the printed text, and the worker-thread runner.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURES, requireOracle } from '../oracle/oracle';
import { formatProblems, validateFile, validateRun, validationCheckNames, type Problem } from '../../src/core';
import { IsolatedPool, IsolationError, isolatedFileChecker } from '../../src/core/validation/isolated';
import { listRun } from '../../src/core/validation/runListing';
import {
  FIRST_TRAIN, FORMAT_10_FILE, N_TRAINS, editedFormat10, findUint64s, range, runMapEntry, setUint64, timestamp, writeCase,
} from './validationHelpers';

const have = requireOracle();

const brief = (ps: Problem[]) => ps.map(({ check, msg, dataset }) => ({ check, msg, dataset }));

/** INDEX/trainId: the one copy of the train IDs followed by zero padding. */
function indexTrainIdsOffset(bytes: Buffer): number {
  const offsets = findUint64s(bytes, range(N_TRAINS, FIRST_TRAIN));
  return offsets.find((o) => bytes.readBigUInt64LE(o + 8 * N_TRAINS) === 0n)!;
}

/** A control source's INDEX first (0, 1, …, 29): the first such array in the file. */
function controlFirstOffset(bytes: Buffer): number {
  return findUint64s(bytes, range(N_TRAINS))[0];
}

/** The control `.timestamp` datasets of key 0 (INDEX/timestamp has zero padding after it). */
function controlTimestampOffsets(bytes: Buffer): number[] {
  return findUint64s(bytes, range(N_TRAINS).map((t) => timestamp(Number(t), 0)))
    .filter((o) => bytes.readBigUInt64LE(o + 8 * N_TRAINS) !== 0n);
}

describe.skipIf(!have)('validation of broken files', () => {
  let tmp: string;
  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), 'xfel-validation-'));
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('registers every EXtra-data check by name', () => {
    expect(validationCheckNames()).toEqual([
      'train_ids_nonzero', 'train_ids_order', 'index_control', 'index_instrument', 'control_timestamps_order', 'run_json_cache',
    ]);
  });

  it('finds no problem in the intact file', async () => {
    expect(await validateFile(FORMAT_10_FILE)).toEqual([]);
  });

  it('reports a zero train ID before the last one', async () => {
    const path = writeCase(tmp, 'tid-zero', editedFormat10((b) => setUint64(b, indexTrainIdsOffset(b), 10, 0n)));
    const problems = await validateFile(path);
    expect(brief(problems)).toContainEqual({ check: 'train_ids_nonzero', msg: 'Zeroes in trainId index before last train ID', dataset: 'INDEX/trainId' });
    // 29 trains left for 30 index entries
    expect(problems.find((p) => p.msg === 'Index has wrong number of entries')).toMatchObject({ indexShape: [30], trainIdsShape: [29] });
  });

  it('reports train IDs that go backwards', async () => {
    const path = writeCase(tmp, 'tid-back', editedFormat10((b) => setUint64(b, indexTrainIdsOffset(b), 10, 10005n)));
    expect(brief(await validateFile(path))).toEqual([
      { check: 'train_ids_order', msg: 'Train IDs are not strictly increasing, e.g. at 9 (10009 >= 10005)', dataset: 'INDEX/trainId' },
    ]);
  });

  it('reports control timestamps that decrease or are zero in the middle', async () => {
    const path = writeCase(tmp, 'timestamps', editedFormat10((b) => {
      const [first, second] = controlTimestampOffsets(b);
      setUint64(b, first, 6, timestamp(4, 0));
      setUint64(b, second, 3, 0n);
    }));
    const problems = (await validateFile(path)).filter((p) => p.check === 'control_timestamps_order');
    expect(problems.map((p) => p.msg).sort()).toEqual([
      `Timestamp is decreasing, e.g. at 6 (${timestamp(4, 0)} < ${timestamp(5, 0)})`,
      'Zeroes in Timestamp before last train ID',
    ]);
    for (const p of problems) expect(p.dataset).toMatch(/^CONTROL\/.+\/timestamp$/);
  });

  it('reports a control index that does not start at 0, and data outside the dataset once per source', async () => {
    const path = writeCase(tmp, 'control-index', editedFormat10((b) => {
      const first = controlFirstOffset(b);
      setUint64(b, first, 0, 1n);
      setUint64(b, first, 29, 100n);
    }));
    const problems = (await validateFile(path)).filter((p) => p.check === 'index_control');
    const msgs = problems.map((p) => p.msg);
    expect(msgs).toContain("Index doesn't start at 0");
    expect(msgs).toContain('Overlaps (1) in index, e.g. at 0 (1 + 1 > 1)');
    expect(msgs).toContain('Gaps (1) in index, e.g. at 28 (28 + 1 < 100)');
    expect(msgs.filter((m) => m === 'Index referring to data (101) outside dataset (30)')).toHaveLength(1);
    expect(problems.find((p) => p.msg.startsWith('Index referring'))!.dataset).toMatch(/^CONTROL\//);
    expect(await validateFile(path, { skip: ['index_control'] })).toEqual([]);
  });

  it('reports a file without INDEX as not openable, naming what is missing', async () => {
    const path = writeCase(tmp, 'no-index', editedFormat10((b) => b.write('INDEY', b.indexOf('INDEX'))));
    const problems = await validateFile(path);
    expect(problems).toEqual([{
      check: 'open_file', msg: 'Could not open HDF5 file', file: path,
      error: 'RAW-R0005-DA01-S00000.h5: INDEX/trainId dataset not found',
    }]);
  });

  it('reports a source METADATA lists but the file lacks, and still runs the other checks', async () => {
    const path = writeCase(tmp, 'absent-source', editedFormat10((b) => {
      const at = b.indexOf('CONTROL/FXE_XAD_GEC/CAM/CAMERA_NODATA');
      b.write('B', at + 'CONTROL/FXE_XAD_GEC/CAM/CAMERA_NODAT'.length);
    }));
    const problems = await validateFile(path);
    const failed = problems.filter((p) => p.msg === 'Could not complete check');
    expect(failed.map((p) => p.check).sort()).toEqual(['control_timestamps_order', 'index_control']);
    for (const p of failed) expect(p.error).toMatch(/^RAW-R0005-DA01-S00000\.h5: .*CAMERA_NODATB/);
    expect(problems.every((p) => p.file === path)).toBe(true);
  });

  it('reports empty, truncated and non-HDF5 files, and a folder without usable files', async () => {
    const empty = writeCase(tmp, 'unusable', new Uint8Array(0), 'RAW-R0005-DA01-S00000.h5');
    writeCase(tmp, 'unusable', readFileSync(FORMAT_10_FILE).subarray(0, 4096), 'RAW-R0005-DA01-S00001.h5');
    writeCase(tmp, 'unusable', Buffer.from('not HDF5\n'), 'RAW-R0005-DA01-S00002.h5');
    const problems = await validateRun(join(tmp, 'unusable'));
    expect(problems.map((p) => [p.check, p.msg])).toEqual([
      ['open_file', 'Could not open HDF5 file'],
      ['open_file', 'Could not open HDF5 file'],
      ['open_file', 'Could not open HDF5 file'],
      ['run_files', 'No usable files found'],
    ]);
    expect(problems[0]).toMatchObject({ file: empty, error: expect.stringContaining('signature not found') });
    expect(problems[3].directory).toBe(join(tmp, 'unusable'));
    mkdirSync(join(tmp, 'no-h5'));
    expect(await validateRun(join(tmp, 'no-h5'))).toEqual([
      { check: 'run_files', msg: 'No usable files found', directory: join(tmp, 'no-h5') },
    ]);
  });

  describe('run-map cache (karabo_data_map.json)', () => {
    let dir: string;
    let entry: Record<string, unknown>;
    beforeAll(async () => {
      dir = join(tmp, 'cached');
      mkdirSync(dir);
      copyFileSync(FORMAT_10_FILE, join(dir, 'RAW-R0005-DA01-S00000.h5'));
      entry = (await runMapEntry(join(dir, 'RAW-R0005-DA01-S00000.h5')))!;
    });
    const writeCache = (text: string) => writeFileSync(join(dir, 'karabo_data_map.json'), text);

    it('accepts an entry that matches the file', async () => {
      writeCache(JSON.stringify([entry]));
      expect(await validateRun(dir)).toEqual([]);
    });

    it('reports a current entry that disagrees with the file', async () => {
      writeCache(JSON.stringify([{ ...entry, train_ids: (entry.train_ids as number[]).slice(1) }]));
      expect(await validateRun(dir)).toEqual([{
        check: 'run_json_cache', msg: 'Incorrect data map cache entry',
        cacheFile: join(dir, 'karabo_data_map.json'), dataFile: join(dir, 'RAW-R0005-DA01-S00000.h5'),
      }]);
      expect(await validateRun(dir, { skip: ['run_json_cache'] })).toEqual([]);
    });

    it('ignores outdated entries and unreadable caches, as EXtra-data does', async () => {
      writeCache(JSON.stringify([{ ...entry, size: 1, control_sources: [] }]));
      expect(await validateRun(dir)).toEqual([]);
      writeCache('{ not json');
      expect(await validateRun(dir)).toEqual([]);
    });

    it('reads the cache among picked browser files', async () => {
      const file = new File([readFileSync(FORMAT_10_FILE)], 'RAW-R0005-DA01-S00000.h5', { lastModified: 1_700_000_000_123 });
      const cache = new File([JSON.stringify([{ ...entry, mtime: 1_700_000_000.1234 }])], 'karabo_data_map.json');
      const run = await listRun([cache, file]);
      expect(run.files.map((f) => f.name)).toEqual(['RAW-R0005-DA01-S00000.h5']);
      expect(run.files[0].mtimeMatches(1_700_000_000.1234)).toBe(true);
      expect(run.files[0].mtimeMatches(1_700_000_000.2)).toBe(false);
      expect(run.cache?.path).toBe('karabo_data_map.json');
    });
  });

  it('runs as a command: bin/xfel-validate.mjs exits 1 on problems, 0 otherwise', () => {
    const bin = new URL('../../bin/xfel-validate.mjs', import.meta.url).pathname;
    const broken = join(FIXTURES, 'broken-tids-not-increasing', 'RAW-R0900-DA01-S00000.h5');
    const bad = spawnSync(process.execPath, [bin, broken], { encoding: 'utf8', timeout: 60_000 });
    expect(bad.stdout).toContain('Validation failed! 1 problems:\n\nTrain IDs are not strictly increasing');
    expect(bad.status).toBe(1);
    const good = spawnSync(process.execPath, [bin, '--skip', 'train_ids_order', broken], { encoding: 'utf8', timeout: 60_000 });
    expect(good.stdout).toBe(`Checking file: ${broken}\n\nNo problems found\n`);
    expect(good.status).toBe(0);
  });

  it('prints problems like EXtra-data: fields sorted by name, shapes as tuples', () => {
    const text = formatProblems([
      { check: 'index_instrument', msg: 'Index has wrong number of entries', file: 'f.h5', dataset: 'INDEX/x/data', indexShape: [15], trainIdsShape: [20] },
      { check: 'index_control', msg: 'Index first / count are not 1D', dataset: 'INDEX/y', firstShape: [2, 3], countShape: [] },
    ]);
    expect(text).toBe([
      '', 'Index has wrong number of entries', '  dataset: INDEX/x/data', '  file: f.h5', '  index_shape: (15,)', '  trainids_shape: (20,)',
      '', 'Index first / count are not 1D', '  count_shape: ()', '  dataset: INDEX/y', '  first_shape: (2, 3)',
    ].join('\n'));
  });
});

describe.skipIf(!have)('IsolatedPool', () => {
  const tasksModule = new URL('./validationTasks.ts', import.meta.url);

  it('stops a task that hangs, names its file, and replaces the worker', async () => {
    const pool = new IsolatedPool({ tasksModule, workers: 1, timeoutMs: 500 });
    try {
      const hung = pool.run('hang', [], 'stuck.h5');
      await expect(hung).rejects.toThrow(IsolationError);
      await expect(hung).rejects.toThrow(/^stuck\.h5: no result after 0\.5 s/);
      expect(pool.replaced).toBe(1);
      expect(await pool.run('echo', [42n], 'next.h5')).toBe(42n);
    } finally {
      await pool.close();
    }
  });

  it('replaces a worker whose WebAssembly trapped', async () => {
    const pool = new IsolatedPool({ tasksModule, workers: 1 });
    try {
      await expect(pool.run('trap', [], 'bad.h5')).rejects.toThrow('unreachable');
      expect(pool.replaced).toBe(1);
      expect(await pool.run('echo', ['ok'], 'good.h5')).toBe('ok');
    } finally {
      await pool.close();
    }
  });

  it('validates a run with each file in a worker', async () => {
    const pool = new IsolatedPool({ workers: 2 });
    try {
      const problems = await validateRun(join(FIXTURES, 'format-1.0-run'), { checkFile: isolatedFileChecker(pool) });
      expect(problems).toEqual([]);
    } finally {
      await pool.close();
    }
  });
});
