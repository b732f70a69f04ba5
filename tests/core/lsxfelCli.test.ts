// lsxfel on folders the references do not cover: proposal folders, and bad paths.
import { mkdirSync, mkdtempSync, readdirSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/lsxfel';
import { FIXTURES, requireOracle } from '../oracle/oracle';

const have = requireOracle();

async function lsxfel(...args: string[]) {
  let out = '';
  let err = '';
  const code = await main(args, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

function proposal(): string {
  const root = mkdtempSync(join(tmpdir(), 'xrv-proposal-'));
  process.env.XFEL_RUN_VIEWER_CACHE = join(root, 'cache');
  const p = join(root, 'p700000');
  for (const [run, fixture] of [['r0450', 'fxe-lpd-run'], ['r0163', 'scs-dssc-run']]) {
    const dir = join(p, 'raw', run);
    mkdirSync(dir, { recursive: true });
    for (const f of readdirSync(join(FIXTURES, fixture))) symlinkSync(join(FIXTURES, fixture, f), join(dir, f));
  }
  return p;
}

describe.skipIf(!have)('lsxfel', () => {
  it('lists the runs of a proposal folder, one line each', async () => {
    const { code, out } = await lsxfel(proposal());
    expect(code).toBe(0);
    // Trains are counted from the shortest set of sequence files (LPD00: 5 trains; DA01: 3), as EXtra-data does
    expect(out).toBe(
      'p700000 : Proposal directory\n\np700000/raw/\n' +
        '  r0163 : Run of    3 trains, with  32 detector files and   1 others\n' +
        '  r0450 : Run of    5 trains, with  16 detector files and   2 others\n',
    );
  });

  it('summarises several runs given together', async () => {
    const p = proposal();
    const { out } = await lsxfel(join(p, 'raw', 'r0450'), join(p, 'raw', 'r0163'));
    expect(out.split('\n').filter(Boolean)).toEqual([
      'r0450 : Run of    5 trains, with  16 detector files and   2 others',
      'r0163 : Run of    3 trains, with  32 detector files and   1 others',
    ]);
  });

  it('says when a path does not exist or is not a data file', async () => {
    expect(await lsxfel('/no/such/path')).toMatchObject({ code: 2, out: '/no/such/path : File/folder not found\n' });
    expect(await lsxfel(join(FIXTURES, 'fixtures_manifest.json'))).toMatchObject({ code: 2, out: 'fixtures_manifest.json : Unrecognised file\n' });
  });
});
