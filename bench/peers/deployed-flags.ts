import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

const GATEWAY_ENTRY = 'dist/gateway/src/server.js';

/**
 * The Node flags the gateway's containers run with (docker-compose.yml), so that peer (a) is
 * measured as deployed and the two cannot drift apart.
 */
export function deployedGatewayFlags(): string[] {
  const compose = parse(readFileSync(new URL('../../docker-compose.yml', import.meta.url), 'utf8')) as {
    services: Record<string, { command?: string[] }>;
  };
  const command = Object.values(compose.services).find((service) => service.command?.includes(GATEWAY_ENTRY))?.command;
  if (!command) throw new Error(`no service of docker-compose.yml runs ${GATEWAY_ENTRY}`);
  return command.slice(1, command.indexOf(GATEWAY_ENTRY));
}
