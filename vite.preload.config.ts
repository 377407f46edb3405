import { defineConfig } from 'vite';

// The preload runs sandboxed, where `require` reaches only electron and a few built-ins, never a
// local file: it is bundled into one CommonJS file beside the compiled main process.
export default defineConfig({
  publicDir: false,
  build: {
    lib: {
      entry: 'electron/preload/preload.ts',
      formats: ['cjs'],
      fileName: () => 'preload.cjs',
    },
    outDir: 'dist/electron/preload',
    emptyOutDir: false,
    target: 'node22',
    minify: false,
    sourcemap: true,
    rollupOptions: { external: ['electron'] },
  },
});
