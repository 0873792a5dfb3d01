import type { FastifyReply } from 'fastify';

/**
 * Requests refused before any GraphQL runs, each with its HTTP status. Codes are stable; the
 * body has the GraphQL shape (`errors[].extensions.code`) so clients read every refusal alike.
 */
export const REFUSALS = {
  /** The body is larger than GRAPHQL_BODY_LIMIT_BYTES. */
  REQUEST_TOO_LARGE: 413,
  /** More operations in one batched request than GRAPHQL_MAX_BATCH. */
  BATCH_TOO_LARGE: 400,
  /** Production mode: the document is not one of the persisted operations. */
  PERSISTED_QUERY_NOT_IN_LIST: 400,
  /** Too many requests from this session or client in the window; `retry-after` says when to come back. */
  RATE_LIMITED: 429,
  /** A state-changing request from another site. */
  CROSS_SITE_REQUEST_REFUSED: 403,
  /** The body could not be read as a GraphQL request (not JSON, wrong content type). */
  BAD_REQUEST: 400,
} as const;

export type RefusalCode = keyof typeof REFUSALS;

export function refuse(reply: FastifyReply, code: RefusalCode, message: string, status: number = REFUSALS[code]): FastifyReply {
  return reply
    .code(status)
    .header('cache-control', 'no-store')
    .type('application/json; charset=utf-8')
    .send({ errors: [{ message, extensions: { code } }] });
}
