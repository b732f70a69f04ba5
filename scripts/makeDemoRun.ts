// npm run demo: writes the demo run into public/demo/ (git-ignored) with a manifest.json
// listing its files, unless the one there was made by the same generator code.
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { writeDemoRun } from './demoRun';

const ROOT = resolve(import.meta.dirname, '..');
const PUBLIC = join(ROOT, 'public');
const DEMO = join(PUBLIC, 'demo');
const MANIFEST = 'manifest.json';

interface Manifest {
  files: string[];
  totalBytes: number;
  /** sha256 of the code that wrote the run: a change regenerates it. */
  generator: string;
}

function generatorHash(): string {
  const sources = [join(ROOT, 'scripts/demoRun.ts'), join(ROOT, 'scripts/demoPes.ts'), ...tsFiles(join(ROOT, 'src/core/synthetic'))];
  const hash = createHash('sha256');
  for (const f of sources.sort()) hash.update(f.slice(ROOT.length)).update(readFileSync(f));
  return hash.digest('hex').slice(0, 16);
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => join(dir, f));
}

function upToDate(generator: string): boolean {
  try {
    const m: Manifest = JSON.parse(readFileSync(join(DEMO, MANIFEST), 'utf8'));
    return m.generator === generator && m.files.every((f) => existsSync(join(DEMO, f)));
  } catch {
    return false;
  }
}

async function main(): Promise<void> {
  const generator = generatorHash();
  if (upToDate(generator)) {
    console.log(`demo run up to date in ${DEMO}`);
    return;
  }
  const t0 = performance.now();
  // Written beside the old one and swapped in, so a failed run leaves no half demo.
  const staging = mkdtempSync(join(PUBLIC, '.demo-'));
  try {
    const files = await writeDemoRun(join(staging, 'run'));
    const totalBytes = files.reduce((sum, f) => sum + statSync(join(staging, 'run', f)).size, 0);
    const manifest: Manifest = { files, totalBytes, generator };
    writeFileSync(join(staging, 'run', MANIFEST), JSON.stringify(manifest, null, 1) + '\n');
    rmSync(DEMO, { recursive: true, force: true });
    renameSync(join(staging, 'run'), DEMO);
    const secs = ((performance.now() - t0) / 1000).toFixed(1);
    console.log(`demo run: ${files.length} files, ${(totalBytes / 1e6).toFixed(1)} MB in ${dirname(DEMO).slice(ROOT.length + 1)}/demo (${secs} s)`);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

await main();
