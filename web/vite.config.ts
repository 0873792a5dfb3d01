import { defineConfig } from 'vite';

// `npm run build:web` builds into web/dist; the gateway serves it at /app/ (gateway/src/web-app.ts).
export default defineConfig({
  root: decodeURIComponent(new URL('.', import.meta.url).pathname),
  base: '/app/',
  publicDir: false,
  logLevel: 'warn',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    reportCompressedSize: false,
    // Pictograms are referenced by <use href>, which cannot point into a data: URL.
    assetsInlineLimit: (file) => (file.includes('/artwork/') ? false : undefined),
  },
});
