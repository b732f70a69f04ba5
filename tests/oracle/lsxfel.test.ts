// The lsxfel CLI prints what EXtra-data 1.24's lsxfel prints (paths aside).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/lsxfel';
import { casesWith, FIXTURES, loadRef, requireOracle } from './oracle';
import './referenceSuite'; // for its temporary run-map cache folder

const have = requireOracle();

describe.skipIf(!have)('EXtra-data 1.24 references: lsxfel', () => {
  for (const caseName of casesWith('lsxfel')) {
    for (const c of loadRef(caseName, 'lsxfel').cases) {
      it(`${caseName}: ${c.call}`, async () => {
        const args = c.call.split(/\s+/).slice(1).map((p) => join(FIXTURES, p));
        let out = '';
        let err = '';
        const code = await main(args, { out: (t) => (out += t), err: (t) => (err += t) });
        expect(code).toBe(0);
        expect(out).toBe(c.stdout);
        // EXtra-data names skipped files on stderr; so do we
        for (const skipped of (c.stderr ?? '').matchAll(/Skipping file (\S+)/g)) expect(err).toContain(skipped[1]);
      });
    }
  }
});
