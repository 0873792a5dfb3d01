// Part of `npm run build:web`: copies GraphiQL and the React it runs on from node_modules into
// gateway/src/graphiql/vendor/, which the gateway serves. Build-time packages, then: the
// production image ships these four files, not the packages (and their dependencies).
import { copyFile, mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const VENDOR = fileURLToPath(new URL('../gateway/src/graphiql/vendor/', import.meta.url));

/** A file of an installed package, even one its `exports` map does not list. */
const packageFile = (name: string, file: string) => join(dirname(require.resolve(`${name}/package.json`)), file);

const FILES: ReadonlyArray<[string, string]> = [
  [packageFile('graphiql', 'graphiql.min.css'), 'graphiql.min.css'],
  [packageFile('graphiql', 'graphiql.min.js'), 'graphiql.min.js'],
  [packageFile('react', 'umd/react.production.min.js'), 'react.production.min.js'],
  [packageFile('react-dom', 'umd/react-dom.production.min.js'), 'react-dom.production.min.js'],
];

await mkdir(VENDOR, { recursive: true });
await Promise.all(FILES.map(([from, name]) => copyFile(from, join(VENDOR, name))));
