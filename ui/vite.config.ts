import { defineConfig } from 'vite';

// Plain Vite: esbuild compiles TSX with the automatic React runtime, so no plugin is needed.
// `npm run dev` proxies the API to a locally running `roster serve` (ROSTER_DEV_API overrides).
const api = process.env.ROSTER_DEV_API ?? 'http://127.0.0.1:8080';

export default defineConfig({
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    sourcemap: false,
    target: 'es2020',
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
  },
  server: {
    proxy: { '/api': api, '/healthz': api },
  },
});
