// Vite configuration of the web explorer: a static single-page app under web/ that imports the
// simulator's own core (engine, hardware, kernels, machines, workloads) and runs it in a Web Worker.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  root: here('.'),
  // Relative asset paths: the built site works from any folder of any static host.
  base: './',
  resolve: {
    alias: [
      // csv-stringify's browser build (its Node build expects Node's Buffer).
      { find: /^csv-stringify\/sync$/, replacement: 'csv-stringify/browser/esm/sync' },
    ],
  },
  server: { fs: { allow: [here('..')] }, host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
  worker: { format: 'es' },
  build: {
    outDir: here('./dist'),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 4000,
  },
});
