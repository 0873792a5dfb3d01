import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { fail } from './errors.ts';
import { isControlRequest } from './faults.ts';

/** Service authentication: every route but `/__control*` needs the platform's key in `X-Api-Key`. */
export function requireApiKey(apiKey: string): (request: FastifyRequest) => Promise<void> {
  const expected = Buffer.from(apiKey);
  return async (request) => {
    if (isControlRequest(request)) return;
    const given = request.headers['x-api-key'];
    if (given === undefined || given === '') {
      throw fail('API_KEY_MISSING', "Ajoutez l'en-tête X-Api-Key avec la clé de service de la plateforme.");
    }
    const candidate = Buffer.from(Array.isArray(given) ? given.join(',') : given);
    if (candidate.length !== expected.length || !timingSafeEqual(candidate, expected)) {
      throw fail('API_KEY_INVALID', "La clé donnée dans X-Api-Key n'est pas celle de ce système.");
    }
  };
}
