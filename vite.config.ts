import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The built app's Content-Security-Policy. WebAssembly (h5wasm) needs 'wasm-unsafe-eval';
 * nothing needs 'unsafe-eval' (plotly's strict bundle). plotly.js injects <style> rules,
 * hence 'unsafe-inline' for styles only. Dev mode is left without it: Vite's client
 * injects inline scripts there.
 */
const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data: blob:",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'xfel-csp',
    apply: 'build',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CSP }, injectTo: 'head-prepend' }],
  };
}

export default defineConfig({
  plugins: [react(), contentSecurityPolicy()],
  worker: { format: 'es' },
  optimizeDeps: { exclude: ['h5wasm'] },
  // h5wasm (with its wasm inlined) and plotly are each ~5 MB, loaded lazily: not a warning.
  build: { target: 'es2022', sourcemap: true, chunkSizeWarningLimit: 6000 },
  preview: { port: 4173, strictPort: true },
});
