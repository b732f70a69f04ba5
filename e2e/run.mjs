// `npm run test:e2e`: builds the app and runs the Playwright specs against `vite preview`,
// using Debian's Chromium. Without it: one skip line (a failure under CI=true).
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const CHROMIUM = '/usr/bin/chromium';
const ci = process.env.CI === 'true';

if (!existsSync(CHROMIUM)) {
  if (ci) {
    console.error(`browser tests: ${CHROMIUM} is missing (CI=true)`);
    process.exit(1);
  }
  console.log(`skipped: browser tests (no ${CHROMIUM})`);
  process.exit(0);
}

const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', shell: false }).status ?? 1;

if (!process.env.E2E_SKIP_BUILD) {
  const built = run('npm', ['run', 'build']);
  if (built !== 0) process.exit(built);
}
process.exit(run('npx', ['playwright', 'test', '--config', 'playwright.config.ts', ...process.argv.slice(2)]));
