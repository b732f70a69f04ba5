import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  worker: { format: 'es' },
  optimizeDeps: { exclude: ['h5wasm'] },
  // h5wasm (with its wasm inlined) and plotly are each ~5 MB, loaded lazily: not a warning.
  build: { target: 'es2022', sourcemap: true, chunkSizeWarningLimit: 6000 },
  preview: { port: 4173, strictPort: true },
});
