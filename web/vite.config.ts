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
  // `npm run dev:web` next to `npm start`: the API and the sign-in stay on the gateway. The
  // session cookie is set for localhost whatever the port, so it comes along.
  server: {
    port: 5173,
    strictPort: true,
    proxy: { '/graphql': 'http://localhost:4000', '/auth': 'http://localhost:4000', '/graphiql': 'http://localhost:4000' },
  },
});
