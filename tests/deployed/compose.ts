// docker-compose.yml as plain processes: what each service would get in its container (command,
// environment after interpolation from .env, healthcheck, dependencies), with every container's
// address mapped to a loopback port of this machine, Redis and PostgreSQL mapped to the real
// servers, and mounted folders to local ones. No Docker engine runs here; nothing else changes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ROOT } from '../support/processes.ts';

export interface ComposeService {
  name: string;
  image?: string;
  command?: string[];
  environment: Record<string, string>;
  healthcheck?: string[];
  dependsOn: string[];
  ports: string[];
  volumes: string[];
  aliases: string[];
  address?: string;
}

interface RawService {
  image?: string;
  command?: string[];
  environment?: Record<string, unknown>;
  healthcheck?: { test?: string[] };
  depends_on?: Record<string, unknown>;
  ports?: string[];
  volumes?: string[];
  networks?: { default?: { ipv4_address?: string; aliases?: string[] } };
}

/**
 * `${NAME}`, `${NAME:-default}` (the default interpolated in turn) and `${NAME:?message}`, as
 * compose reads them from `.env`. An unset required variable fails with compose's own message.
 */
export function interpolate(text: string, env: Readonly<Record<string, string>>): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const start = text.indexOf('${', i);
    if (start < 0) return out + text.slice(i);
    out += text.slice(i, start);
    let depth = 1;
    let end = start + 2;
    for (; end < text.length && depth > 0; end++) {
      if (text.startsWith('${', end)) depth++, end++;
      else if (text[end] === '}') depth--;
    }
    const inner = text.slice(start + 2, end - 1);
    const match = /^([A-Z_][A-Z0-9_]*)(?::([-?])([\s\S]*))?$/.exec(inner);
    if (!match) throw new Error(`cannot interpolate \${${inner}}`);
    const [, name, kind, rest = ''] = match;
    const value = env[name!];
    if (value !== undefined && value !== '') out += value;
    else if (kind === '-') out += interpolate(rest, env);
    else if (kind === '?') throw new Error(`required variable ${name} is missing a value: ${rest}`);
    else out += '';
    i = end;
  }
  return out;
}

const interpolateAll = (value: unknown, env: Readonly<Record<string, string>>): unknown => {
  if (typeof value === 'string') return interpolate(value, env);
  if (Array.isArray(value)) return value.map((item) => interpolateAll(item, env));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolateAll(v, env)]));
  return value;
};

/** The services of docker-compose.yml, interpolated with `env` as compose does with `.env`. */
export function readCompose(env: Readonly<Record<string, string>>): ComposeService[] {
  const raw = parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as { services: Record<string, RawService> };
  return Object.entries(raw.services).map(([name, service]) => {
    const s = interpolateAll(service, env) as RawService;
    return {
      name,
      image: s.image,
      command: s.command,
      environment: Object.fromEntries(Object.entries(s.environment ?? {}).map(([k, v]) => [k, String(v)])),
      healthcheck: s.healthcheck?.test,
      dependsOn: Object.keys(s.depends_on ?? {}),
      ports: s.ports ?? [],
      volumes: s.volumes ?? [],
      aliases: s.networks?.default?.aliases ?? [],
      address: s.networks?.default?.ipv4_address,
    };
  });
}

/** Parses what `npm run -s secrets` prints: `NAME=value` or `NAME='value'`, one per line. */
export function parseDotenv(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const match = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line.trim());
    if (!match) {
      if (line.trim() !== '') throw new Error(`not a NAME=value line: ${line}`);
      continue;
    }
    env[match[1]!] = match[2]!.replace(/^'(.*)'$/, '$1');
  }
  return env;
}

/** The text of one stage of the Dockerfile (`FROM … AS <target>` up to the next `FROM`), continued lines joined. */
export function dockerfileStage(target: string): string {
  const stages = readFileSync(join(ROOT, 'Dockerfile'), 'utf8').replace(/\\\n/g, ' ').split(/^(?=FROM )/m);
  const stage = stages.find((text) => new RegExp(`^FROM \\S+ AS ${target}\\s*$`, 'im').test(text.split('\n')[0]!));
  if (!stage) throw new Error(`Dockerfile: no stage named ${target}`);
  return stage;
}

/**
 * The `ENV` of one stage of the Dockerfile (`--target` platform or mocks): what every container
 * of that image has before compose's `environment` (which wins, as Docker gives it precedence).
 * Only `ENV NAME=value` forms, as the Dockerfile writes them.
 */
export function readImageEnv(target: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of dockerfileStage(target).split('\n').filter((l) => /^ENV\s/i.test(l))) {
    for (const pair of line.replace(/^ENV\s+/i, '').trim().split(/\s+/)) {
      const match = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(pair);
      if (!match) throw new Error(`Dockerfile stage ${target}: cannot read ENV ${pair} (write it NAME=value)`);
      env[match[1]!] = match[2]!;
    }
  }
  if (Object.keys(env).length === 0) throw new Error(`Dockerfile: no ENV in a stage named ${target}`);
  return env;
}
