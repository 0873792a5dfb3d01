import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { connectRedis } from '../redis.ts';
import { refuse } from './errors.ts';
import type { ProtectionSettings } from './settings.ts';

export interface RateLimits {
  /**
   * Counts a request as `operations` (each operation of a GraphQL batch costs what a request
   * of one does) and refuses with RATE_LIMITED (429 and retry-after) once a limit is spent.
   */
  hook(request: FastifyRequest, reply: FastifyReply, operations?: number): Promise<FastifyReply | undefined>;
  close(): Promise<void>;
}

/** Session counters are named by a hash: Redis never holds a session id. */
const digest = (value: string) => createHash('sha256').update(value).digest('base64url').slice(0, 32);

/** What the limits count a request by. */
export interface RateLimitKeys {
  /** The session cookie, if any. */
  sessionCookie(request: FastifyRequest): string | undefined;
  /** The registered client a request's bearer token was verified for; undefined without one, or when it fails verification. */
  thirdPartyClient(request: FastifyRequest): Promise<string | undefined>;
}

/**
 * Two limits on each request (@fastify/rate-limit): one per client (a third party's verified
 * client_id, else the address) and one per session (its cookie), counted in Redis when it is
 * configured so that every gateway instance shares them. A Redis that cannot answer lets requests
 * through rather than refusing everyone (skipOnError): sessions then fail on their own, with
 * their own code.
 */
export async function registerRateLimits(
  app: FastifyInstance,
  settings: ProtectionSettings['rateLimit'],
  keys: RateLimitKeys,
): Promise<RateLimits> {
  // Outages are logged once per change.
  let up = true;
  const redis = settings.redisUrl
    ? connectRedis(settings.redisUrl, (error) => {
        if (up) app.log.warn({ err: { message: error.message } }, 'rate-limit store unreachable; requests are not counted');
        up = false;
      })
    : undefined;
  redis?.client.on('ready', () => {
    up = true;
  });
  await app.register(rateLimit, {
    global: false,
    timeWindow: settings.windowMs,
    skipOnError: true,
    ...(redis ? { redis: redis.client, nameSpace: settings.redisPrefix ?? 'cdc:rate-limit:' } : {}),
  });
  const perClient = app.createRateLimit({
    max: settings.perClient,
    // A third party has one budget however many tokens it holds. A token that fails verification
    // counts against its address, like any other caller: keyed by the token, every forged or
    // random one would open a fresh budget.
    keyGenerator: async (request) => {
      const clientId = await keys.thirdPartyClient(request);
      return clientId ? `client:id:${clientId}` : `client:ip:${request.ip}`;
    },
  });
  const perSession = app.createRateLimit({
    max: settings.perSession,
    keyGenerator: (request) => `session:${digest(keys.sessionCookie(request) ?? '')}`,
  });

  return {
    async hook(request, reply, operations = 1) {
      const limits = keys.sessionCookie(request) ? [perClient, perSession] : [perClient];
      for (const limit of limits) {
        // @fastify/rate-limit counts one per call: a batch of n is n calls.
        for (let counted = 0; counted < operations; counted += 1) {
          const outcome = await limit(request);
          if (!outcome.isAllowed && outcome.isExceeded) {
            reply.header('retry-after', String(outcome.ttlInSeconds));
            return refuse(reply, 'RATE_LIMITED', `Too many requests: try again in ${outcome.ttlInSeconds} s.`);
          }
        }
      }
      return undefined;
    },
    async close() {
      await redis?.close();
    },
  };
}
