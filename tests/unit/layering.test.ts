import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { ROOT } from '../support/processes.ts';

// Imports flow one way (DESIGN.md, "Layers, and what is deployed"): the shared contract ←
// subgraphs and modules ← gateway, with mocks/ beside the platform. What each top-level folder
// may import, besides itself and packages. A folder not listed here may import anything: the
// development launcher, the tests and the bench stand outside what is deployed.
const MAY_IMPORT: Readonly<Record<string, readonly string[]>> = {
  contract: [],
  rules: ['contract'],
  common: ['contract'],
  schemas: ['contract', 'common'],
  operations: [],
  subgraphs: ['contract', 'common', 'schemas', 'rules'],
  gateway: ['contract', 'common', 'schemas', 'operations'],
  // The worker reads the identity subgraph's stores (declarations, notification subscriptions),
  // calls the agency subgraphs, and runs the notifications' persisted operation.
  worker: ['contract', 'common', 'subgraphs', 'operations'],
  modules: ['contract', 'common'],
  mocks: ['contract', 'common'],
  // The web app formats its French with the platform's one module (contract/french.ts).
  web: ['operations', 'contract'],
};

/** Who may import mocks/ at all: the mocks themselves, the development launcher, tests and bench. */
const MAY_IMPORT_MOCKS = ['mocks/', 'dev/', 'scripts/start.ts', 'tests/', 'bench/'];

interface Import {
  from: string;
  to: string;
}

function repositoryImports(): Import[] {
  const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '*.ts', '*.tsx'], { cwd: ROOT, encoding: 'utf8' })
    .split('\n')
    .filter(Boolean);
  const imports: Import[] = [];
  for (const file of files) {
    let source: string;
    try {
      source = readFileSync(join(ROOT, file), 'utf8');
    } catch {
      continue; // deleted in the working tree
    }
    // Static imports, re-exports and dynamic import() of relative paths.
    for (const match of source.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
      imports.push({ from: file, to: normalize(join(dirname(file), match[1]!)) });
    }
  }
  return imports;
}

const topFolder = (path: string) => path.split('/')[0]!;

describe('the direction of imports', () => {
  const imports = repositoryImports();

  it('finds the imports it checks (the scan itself works)', () => {
    expect(imports).toContainEqual({ from: 'gateway/src/datasource.ts', to: 'contract/read-report.ts' });
    expect(imports.filter((i) => topFolder(i.from) === 'subgraphs').length).toBeGreaterThan(50);
  });

  it('each deployed folder imports only the layers below it', () => {
    const wrong = imports
      .filter(({ from, to }) => {
        const allowed = MAY_IMPORT[topFolder(from)];
        return allowed !== undefined && topFolder(to) !== topFolder(from) && !allowed.includes(topFolder(to));
      })
      .map(({ from, to }) => `${from} → ${to}`);
    expect(wrong).toEqual([]);
  });

  it('nothing but the mocks, the development launcher, the tests and the bench imports mocks/', () => {
    const wrong = imports
      .filter(({ from, to }) => topFolder(to) === 'mocks' && !MAY_IMPORT_MOCKS.some((prefix) => from.startsWith(prefix)))
      .map(({ from, to }) => `${from} → ${to}`);
    expect(wrong).toEqual([]);
  });
});
