import { Gauge } from 'prom-client';
import type { Agent } from 'undici';
import { request } from 'undici';
import { errorReason } from '../../common/error-shape.ts';
import type { Telemetry } from '../../common/observability/telemetry.ts';

export interface ReadinessCheck {
  name: string;
  check: () => Promise<void>;
}

export interface Readiness {
  ready: boolean;
  checks: Record<string, 'ok' | string>;
}

/** Runs every check at once; one failing makes the whole not ready, and says which. */
export async function checkReadiness(checks: readonly ReadinessCheck[]): Promise<Readiness> {
  const results = await Promise.all(
    checks.map(async ({ name, check }) => {
      try {
        await check();
        return [name, 'ok'] as const;
      } catch (error) {
        return [name, errorReason(error)] as const;
      }
    }),
  );
  return { ready: results.every(([, result]) => result === 'ok'), checks: Object.fromEntries(results) };
}

/** A subgraph is reachable when its `/healthz` answers 200 in time. */
export function subgraphHealthCheck(name: string, graphqlUrl: string, dispatcher: Agent, timeoutMs: number): ReadinessCheck {
  const url = new URL('/healthz', graphqlUrl);
  return {
    name,
    check: async () => {
      const response = await request(url, { dispatcher, signal: AbortSignal.timeout(timeoutMs) });
      await response.body.dump();
      if (response.statusCode !== 200) throw new Error(`HTTP ${response.statusCode}`);
    },
  };
}

/** `subgraph_up{subgraph}`: 1 when the subgraph's `/healthz` answers, 0 otherwise, probed at each scrape. */
export function registerSubgraphUpGauge(telemetry: Telemetry, checks: readonly ReadinessCheck[]): void {
  new Gauge({
    name: 'subgraph_up',
    help: 'Whether each subgraph answers its health check (1) or not (0), probed when scraped.',
    labelNames: ['subgraph'] as const,
    registers: [telemetry.metrics.registry],
    async collect() {
      const { checks: results } = await checkReadiness(checks);
      for (const [subgraph, result] of Object.entries(results)) this.set({ subgraph }, result === 'ok' ? 1 : 0);
    },
  });
}
