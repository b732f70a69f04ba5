import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  worker: { format: 'es' },
  optimizeDeps: { exclude: ['h5wasm'] },
  build: { target: 'es2022', sourcemap: true },
  preview: { port: 4173, strictPort: true },
});
