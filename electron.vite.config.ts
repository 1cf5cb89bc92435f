import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';

const root = import.meta.dirname;

export default defineConfig({
  main: {
    build: {
      outDir: resolve(root, 'out/main'),
      rolldownOptions: {
        input: {
          index: resolve(root, 'main/index.ts'),
          cli: resolve(root, 'main/cli.ts'),
          'store-worker': resolve(root, 'main/store/server.node.ts'),
          'sync-worker': resolve(root, 'main/sync/worker.node.ts'),
          'fhir-worker': resolve(root, 'main/fhir/worker.node.ts'),
          'dicom-worker': resolve(root, 'main/imaging/import/worker.node.ts'),
          'csv-worker': resolve(root, 'main/patients/import/worker.node.ts'),
          'clustering-worker': resolve(root, 'main/analytics/clustering/worker.node.ts'),
        },
        // Flat output: worker entries are found next to whichever chunk starts them.
        output: { entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload cannot require packages: bundle them.
      externalizeDeps: false,
      outDir: resolve(root, 'out/preload'),
      rolldownOptions: {
        input: { index: resolve(root, 'preload/index.ts') },
        // Sandboxed preloads cannot be ES modules.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    base: './',
    plugins: [react()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      rolldownOptions: { input: { index: resolve(root, 'renderer/index.html') } },
      // The viewer's codec .wasm files stay separate assets (never inlined as data: URLs the CSP would refuse).
      assetsInlineLimit: (file: string) => (file.endsWith('.wasm') ? false : undefined),
    },
    // The viewer's decode workers are ES modules with their own chunks (codecs load only where used).
    worker: { format: 'es' },
  },
});
