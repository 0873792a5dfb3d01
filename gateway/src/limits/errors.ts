import type { FastifyReply } from 'fastify';
import { errorBody, PlatformError, type ErrorCode } from '../../../contract/errors.ts';

/**
 * Refuses a request before any GraphQL runs, with the catalogue's code and status (or the one
 * fastify chose, for BAD_REQUEST), in the GraphQL error shape, so clients read every refusal alike.
 */
export function refuse(reply: FastifyReply, code: ErrorCode, message: string, status?: number): FastifyReply {
  const error = new PlatformError(code, { message, status });
  return reply.code(error.status).header('cache-control', 'no-store').type('application/json; charset=utf-8').send(errorBody(error));
}
