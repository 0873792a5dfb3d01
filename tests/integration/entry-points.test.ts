import { describe, expect, it } from '@jest/globals';
import { spawnEntry } from '../support/processes.ts';

// Every process refuses to start on an invalid value, says which variable and why, and exits 1
// before listening: a container that restarts in a loop with this message is easy to fix.
const CASES = [
  { entry: 'gateway/src/server.ts', env: { GATEWAY_PORT: 'eighty' }, variable: 'GATEWAY_PORT' },
  { entry: 'gateway/src/server.ts', env: { PERSON_ID_KEY: 'short', INTERNAL_TOKEN_PRIVATE_JWK: 'not json' }, variable: 'INTERNAL_TOKEN_PRIVATE_JWK' },
  { entry: 'gateway/src/server.ts', env: { GATEWAY_DOCUMENTS: 'some' }, variable: 'GATEWAY_DOCUMENTS' },
  { entry: 'gateway/src/server.ts', env: { RATE_LIMIT_PER_SESSION: '0' }, variable: 'RATE_LIMIT_PER_SESSION' },
  { entry: 'gateway/src/server.ts', env: { GATEWAY_TRUSTED_PROXIES: '10.0.0.1, nginx' }, variable: 'GATEWAY_TRUSTED_PROXIES' },
  { entry: 'subgraphs/identity/server.ts', env: { LOG_LEVEL: 'loud' }, variable: 'LOG_LEVEL' },
  { entry: 'subgraphs/training/server.ts', env: { AGENCY_TIMEOUT_MS: '-5' }, variable: 'AGENCY_TIMEOUT_MS' },
  { entry: 'subgraphs/employment/server.ts', env: { FRANCE_TRAVAIL_URL: 'not a url' }, variable: 'FRANCE_TRAVAIL_URL' },
  { entry: 'subgraphs/family/server.ts', env: { AGENCY_CIRCUIT_FAILURES: '0' }, variable: 'AGENCY_CIRCUIT_FAILURES' },
  { entry: 'mocks/agencies/cpf/server.ts', env: { CPF_PORT: '70000' }, variable: 'CPF_PORT' },
  { entry: 'mocks/franceconnect/server.ts', env: { OTEL_TRACES_EXPORTER: 'zipkin' }, variable: 'OTEL_TRACES_EXPORTER' },
] as const;

const VALID_SUBGRAPH_ENV = {
  INTERNAL_TOKEN_PUBLIC_JWK: '{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}',
  PERSON_ID_KEY: 'a-person-id-key-long-enough-0123456789',
};

describe('an invalid environment stops each process at start, naming the variable', () => {
  it.concurrent.each(CASES)('$entry with a bad $variable', async ({ entry, env, variable }) => {
    const spawned = spawnEntry(entry, { ...VALID_SUBGRAPH_ENV, ...env });
    const { code } = await spawned.exited;
    expect(code).toBe(1);
    expect(spawned.stderr()).toMatch(new RegExp(`Invalid configuration:\\n(- .*\\n)*- ${variable}: `));
    expect(spawned.stderr()).not.toMatch(/\n\s+at /); // a message, not a stack trace
    expect(spawned.stdout()).not.toMatch(/listening/);
  });

  it('names every variable that is wrong at once', async () => {
    const spawned = spawnEntry('gateway/src/server.ts', { GATEWAY_PORT: '-1', SUBGRAPH_TIMEOUT_MS: 'soon', REDIS_URL: 'localhost' });
    expect((await spawned.exited).code).toBe(1);
    for (const variable of ['GATEWAY_PORT', 'SUBGRAPH_TIMEOUT_MS', 'REDIS_URL', 'INTERNAL_TOKEN_PRIVATE_JWK', 'PERSON_ID_KEY']) {
      expect(spawned.stderr()).toContain(`- ${variable}: `);
    }
  });
});
