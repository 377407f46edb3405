import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The page side of the e2e harness as one classic script, for `page.addInitScript`.
export default defineConfig({
  publicDir: false,
  logLevel: 'warn',
  build: {
    lib: { entry: fileURLToPath(new URL('./page-bridge.ts', import.meta.url)), formats: ['iife'], name: 'landfallBridge', fileName: () => 'page-bridge.js' },
    emptyOutDir: false,
    minify: false,
    target: 'chrome130',
  },
});
