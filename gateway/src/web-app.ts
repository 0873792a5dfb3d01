import type { FastifyInstance, FastifyReply } from 'fastify';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { extname, join, relative, sep } from 'node:path';

/** Where the citizen web app is served. Its routes are paths under it, rendered in the browser. */
export const WEB_APP_PATH = '/app/';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.webmanifest': 'application/manifest+json',
  '.json': 'application/json',
};

// Everything is bundled from npm packages at build time: no CDN, no external font.
// DSFR sets styles through the CSSOM only, which `style-src 'self'` allows.
const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

const NOT_BUILT = `The web app is not built (no index.html in the web app folder): run \`npm run build:web\`. npm start and npm test build it.`;

interface Asset {
  body: Buffer;
  type: string;
}

/**
 * Serves the built citizen web app (`web/dist`, see web/README.md) under `/app/`, and sends `/`
 * there. Files are read once at start; any other path under `/app/` is a route of the app
 * and gets its `index.html`. A missing build answers 503 saying how to build it.
 */
export async function registerWebApp(app: FastifyInstance, dir: string): Promise<void> {
  const assets = existsSync(join(dir, 'index.html')) ? await readAssets(dir) : null;
  const index = assets?.get('index.html');

  app.get('/', async (_request, reply) => reply.redirect(WEB_APP_PATH, 302));
  app.get(WEB_APP_PATH.slice(0, -1), async (_request, reply) => reply.redirect(WEB_APP_PATH, 302));
  app.get<{ Params: { '*': string } }>(`${WEB_APP_PATH}*`, async (request, reply) => {
    if (!assets || !index) return reply.code(503).header('content-type', 'text/plain; charset=utf-8').send(NOT_BUILT);
    const path = request.params['*'];
    const asset = assets.get(path);
    if (asset && path !== 'index.html') {
      // Vite names bundled files by content hash: they never change under the same name.
      const cache = path.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'public, max-age=3600';
      return secured(reply).header('content-type', asset.type).header('cache-control', cache).send(asset.body);
    }
    if (path.startsWith('assets/')) return reply.code(404).send({ error: 'NOT_FOUND' });
    return secured(reply)
      .header('content-type', index.type)
      .header('cache-control', 'no-cache')
      .header('content-security-policy', CONTENT_SECURITY_POLICY)
      .header('referrer-policy', 'no-referrer')
      .send(index.body);
  });
}

function secured(reply: FastifyReply): FastifyReply {
  return reply.header('x-content-type-options', 'nosniff');
}

/** Every file of the build, by its path relative to `dir` with `/` separators. */
async function readAssets(dir: string): Promise<Map<string, Asset>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
  return new Map(
    await Promise.all(
      files.map(async (file) => {
        const type = CONTENT_TYPES[extname(file)] ?? 'application/octet-stream';
        return [relative(dir, file).split(sep).join('/'), { body: await readFile(file), type }] as const;
      }),
    ),
  );
}
