import { request } from 'undici';
import type { AgencyServer } from '../../../mocks/agencies/index.ts';
import { identiteFromPivot, identiteSearchParams, personaPivot, type Identite } from '../../../mocks/population/index.ts';

/** The date every agency test population is computed for (the personas' README figures are for it). */
export const TODAY = '2026-11-10';
/** The server clock in tests, so written dates are exact. */
export const NOW = new Date(`${TODAY}T09:30:00.000Z`);

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  json: any;
}

export interface Started {
  url: string;
  app: AgencyServer;
  close(): Promise<void>;
}

/** Listens on a free loopback port. */
export async function listen(app: AgencyServer): Promise<Started> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('not listening on TCP');
  return { url: `http://127.0.0.1:${address.port}`, app, close: () => app.close() };
}

/** One HTTP call with undici; the JSON body parsed when there is one. */
export async function call(
  base: string,
  path: string,
  options: { method?: 'GET' | 'POST' | 'PUT' | 'DELETE'; apiKey?: string | null; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.apiKey !== null && options.apiKey !== undefined) headers['x-api-key'] = options.apiKey;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await request(`${base}${path}`, {
    method: options.method ?? 'GET',
    headers,
    body: options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body),
  });
  const text = await response.body.text();
  return { status: response.statusCode, headers: response.headers, json: text === '' ? undefined : JSON.parse(text) };
}

export function personaIdentite(login: string): Identite {
  return identiteFromPivot(personaPivot(login));
}

/** `/v1/dossiers/identite?…` for a persona. */
export function lookupPath(identite: Identite, path = '/v1/dossiers/identite'): string {
  return `${path}?${identiteSearchParams(identite).toString()}`;
}
