import { defineConfig } from 'vite';

// Preact through Vite's own JSX transform (no plugin); a relative base, so the api may serve it under any path.
export default defineConfig({
  base: './',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 300 },
});
