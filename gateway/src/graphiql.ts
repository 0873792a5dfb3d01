import type { FastifyInstance } from 'fastify';
import type { IntrospectionQuery } from 'graphql';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OPERATIONS_DIR, collectOperations } from '../../operations/collect.ts';

/** GraphiQL and everything it loads, served from our own files: no CDN, works offline. */
const VENDORED = ['graphiql.min.css', 'graphiql.min.js', 'react.production.min.js', 'react-dom.production.min.js'];
const OURS = ['start.js'];

const typeOf = (name: string) => (name.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8');

// Everything the page loads is ours; GraphiQL needs inline styles and eval-free scripts only.
const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/**
 * GraphiQL at `/graphiql`, with the public schema's docs and completion from
 * `/graphiql/schema.json` (the supergraph's API schema as introspection would give it), so it
 * explores the schema even where introspection is off (production).
 */
export async function registerGraphiql(app: FastifyInstance, publicSchema: () => IntrospectionQuery | undefined): Promise<void> {
  const page = await readFile(fileURLToPath(new URL('./graphiql/page.html', import.meta.url)), 'utf8');
  const files = [...VENDORED.map((name) => `vendor/${name}`), ...OURS];
  const assets = new Map(
    await Promise.all(
      files.map(async (file) => {
        const path = fileURLToPath(new URL(`./graphiql/${file}`, import.meta.url));
        if (!existsSync(path)) throw new Error(`${path} is missing: \`npm run build:web\` copies GraphiQL there (npm start and npm test run it)`);
        return [file.replace(/^vendor\//, ''), { body: await readFile(path), type: typeOf(file) }] as const;
      }),
    ),
  );
  const examples = (await collectOperations(join(OPERATIONS_DIR, 'graphiql'))).map((operation) => operation.body);
  assets.set('examples.js', {
    body: Buffer.from(`window.GRAPHIQL_EXAMPLES = ${JSON.stringify(examples)};\n`),
    type: 'text/javascript; charset=utf-8',
  });
  app.get('/graphiql', async (_request, reply) =>
    reply
      .header('content-type', 'text/html; charset=utf-8')
      .header('content-security-policy', CONTENT_SECURITY_POLICY)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer')
      .send(page),
  );
  app.get('/graphiql/schema.json', async (_request, reply) => {
    const schema = publicSchema();
    if (!schema) return reply.code(503).header('retry-after', '1').send({ error: 'SCHEMA_NOT_LOADED' });
    return reply.header('cache-control', 'no-cache').header('x-content-type-options', 'nosniff').send(schema);
  });
  app.get<{ Params: { name: string } }>('/graphiql/assets/:name', async (request, reply) => {
    const asset = assets.get(request.params.name);
    if (!asset) return reply.code(404).send({ error: 'NOT_FOUND' });
    return reply
      .header('content-type', asset.type)
      .header('cache-control', 'public, max-age=3600')
      .header('x-content-type-options', 'nosniff')
      .send(asset.body);
  });
}
