import type { FastifyError, FastifyInstance } from 'fastify';
import { limitedFastify } from '../../../common/http-server.ts';
import { instrumentFastify } from '../../../common/observability/fastify.ts';
import { createLogger, fastifyLogging, type Logger } from '../../../common/observability/logging.ts';
import { Telemetry } from '../../../common/observability/telemetry.ts';
import { requireApiKey } from './auth.ts';
import { AgencyControl } from './control.ts';
import { registerControlRoutes } from './control-routes.ts';
import { AgencyHttpError, errorsBody, fail } from './errors.ts';
import { installFaults } from './faults.ts';

export interface AgencyAppOptions {
  apiKey: string;
  /** Request logs (JSON, with the caller's request id): a logger, or true for one on stdout; off unless asked. */
  logger?: boolean | Logger;
}

/** A built agency server: a fastify instance, plus its control in process. */
export type AgencyServer = FastifyInstance & { readonly control: AgencyControl };

/**
 * What the four agency servers share: control and faults, API key, errors as
 * `{errors:[{code,title,detail}]}`. Each agency adds its routes to what this returns.
 */
export function createAgencyApp(options: AgencyAppOptions): AgencyServer {
  // Held requests (slow fault, latency) are released on close and their sockets destroyed, so
  // close() never waits on a client.
  const logger = options.logger === true ? createLogger({ service: 'agency' }) : options.logger || undefined;
  const telemetry = new Telemetry({ service: 'agency', logger });
  const app = limitedFastify({ ...fastifyLogging(telemetry.logger), forceCloseConnections: true });
  instrumentFastify(app, { telemetry });
  const control = new AgencyControl();
  registerControlRoutes(app, control);
  installFaults(app, control);
  app.addHook('onRequest', requireApiKey(options.apiKey));
  app.setErrorHandler((error: FastifyError | AgencyHttpError, request, reply) => {
    const answer = asAgencyError(error);
    if (answer.status >= 500) request.log.error({ err: error }, 'agency mock failed');
    return reply.code(answer.status).send(errorsBody(answer.body()));
  });
  app.setNotFoundHandler((request, reply) =>
    reply
      .code(404)
      .send(
        errorsBody(
          fail('ROUTE_NOT_FOUND', `Aucune route ${request.method} ${request.url.split('?')[0]} : voir mocks/agencies/CONTRACT.md.`).body(),
        ),
      ),
  );
  return Object.assign(app, { control });
}

/** Fastify's own refusals (body not JSON, too large…) in the agencies' error format. */
function asAgencyError(error: FastifyError | AgencyHttpError): AgencyHttpError {
  if (error instanceof AgencyHttpError) return error;
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return fail('INVALID_PARAMETER', "Le corps de la requête n'est pas du JSON valide.", 'body', { cause: error });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return fail('UNSUPPORTED_MEDIA_TYPE', 'Envoyez le corps en application/json.', undefined, { cause: error });
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return fail('PAYLOAD_TOO_LARGE', 'Le corps dépasse 1 Mo.', undefined, { cause: error });
    default:
      if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
        return fail('INVALID_PARAMETER', error.message, undefined, { cause: error });
      }
      return fail('INTERNAL_ERROR', 'Erreur inattendue du système.', undefined, { cause: error });
  }
}
