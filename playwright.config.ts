import { defineConfig } from '@playwright/test';

// E2E_PORT: a second checkout can run its specs beside this one.
const port = Number(process.env.E2E_PORT ?? 4173);

// One Chromium at a time: the machine's cores are shared.
export default defineConfig({
  testDir: 'e2e',
  testMatch: '*.spec.ts',
  workers: 1,
  // Generous: the machine's two cores are shared, and plotly's 5 MB bundle parses slowly under load.
  timeout: 180_000,
  expect: { timeout: 45_000 },
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    baseURL: `http://localhost:${port}`,
    viewport: { width: 1400, height: 900 },
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    },
  },
  webServer: {
    command: `npx vite preview --port ${port} --strictPort`,
    url: `http://localhost:${port}`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
