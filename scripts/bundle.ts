// Each process of the platform image as one file (`npm run build`, after tsc): the compiled entry
// point and everything it imports, its dependencies included, written over the entry itself. A
// process then starts without resolving and reading some two thousand files: Node 20 has no
// module compile cache, and the gateway spent more than half of its start loading modules
// (bench/README.md). The rest of dist/ stays as tsc wrote it, with the data files the code reads.
import { build, type Plugin } from 'esbuild';
import { readFile, rename } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';

/** The platform image's entry points, as docker-compose.yml's commands name them under dist/. */
export const PLATFORM_ENTRIES = [
  'gateway/src/server.js',
  'subgraphs/identity/server.js',
  'subgraphs/training/server.js',
  'subgraphs/retirement/server.js',
  'subgraphs/family/server.js',
  'subgraphs/employment/server.js',
  'subgraphs/account/server.js',
  'worker/server.js',
] as const;

/**
 * Left to Node at run time: PGlite is the development fallback, a devDependency the image does
 * not install (production requires DATABASE_URL); `pg-native` is an optional driver pg may ask for.
 */
const EXTERNAL = ['@electric-sql/pglite', 'pg-native'];

/**
 * CommonJS dependencies inside an ES module: `require` for what they load themselves, and
 * `__dirname`/`__filename` (of the bundle) for the few that read them (ioredis, for its version).
 */
const BANNER = [
  "import { createRequire as __bundleRequire } from 'node:module';",
  "import { dirname as __bundleDirname } from 'node:path';",
  "import { fileURLToPath as __bundlePath } from 'node:url';",
  'const require = __bundleRequire(import.meta.url);',
  'const __filename = __bundlePath(import.meta.url);',
  'const __dirname = __bundleDirname(__filename);',
].join(' ');

/**
 * Our code finds its data files (the supergraph, the web app, GraphiQL's page, the registries)
 * relative to its own module: each module keeps its own `import.meta.url`, pointed from the
 * bundle to where tsc wrote it, beside those files.
 */
function ownModuleUrls(imageDir: string, entry: string): Plugin {
  const bundleDir = dirname(join(imageDir, entry));
  return {
    name: 'own-module-urls',
    setup(builder) {
      builder.onLoad({ filter: /\.js$/ }, async ({ path }) => {
        if (!path.startsWith(`${imageDir}/`) || path.includes('/node_modules/')) return undefined;
        const text = await readFile(path, 'utf8');
        if (!text.includes('import.meta.url')) return undefined;
        const own = `new URL(${JSON.stringify(relative(bundleDir, path))}, import.meta.url).href`;
        return { contents: text.replaceAll('import.meta.url', own), loader: 'js' };
      });
    },
  };
}

/** Bundles each entry of `imageDir` (an image's dist/ folder) in place. */
export async function bundleEntries(imageDir: string, entries: readonly string[]): Promise<void> {
  for (const entry of entries) {
    const path = join(imageDir, entry);
    const outfile = `${path}.bundle`;
    await build({
      entryPoints: [path],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      external: EXTERNAL,
      banner: { js: BANNER },
      plugins: [ownModuleUrls(imageDir, entry)],
      // Half the text for V8 to parse at start; names are kept, so stack traces still read.
      minifyWhitespace: true,
      minifySyntax: true,
      // A warning (an import that cannot be resolved, a `require` of a computed name) fails the build.
      logLevel: 'silent',
    }).then(({ warnings }) => {
      if (warnings.length > 0) throw new Error(`${entry}: ${warnings.map((w) => w.text).join('; ')}`);
    });
    await rename(outfile, path);
  }
}
