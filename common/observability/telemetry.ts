import { onBreakerStateChange } from './circuit-breaker.ts';
import { createLogger, silentLogger, type Logger, type LogLevel } from './logging.ts';
import { BREAKER_STATE_VALUE, Metrics } from './metrics.ts';
import { observeUpstreamCalls } from './upstream.ts';

/** What an app calls: the gateway calls subgraphs, subgraphs call agencies. */
export type PeerKind = 'subgraph' | 'agency';

export interface Peer {
  kind: PeerKind;
  name: string;
}

export interface TelemetryOptions {
  /** `gateway`, `training`, `cpf`…: named in logs, spans and metrics. */
  service: string;
  /** A logger, or a level for one on stdout; silent when absent. */
  logger?: Logger | LogLevel;
  /** Process metrics (CPU, memory, event loop) in this app's registry: once per process. */
  processMetrics?: boolean;
}

/**
 * One app's logs, metrics and peers. Calls the app makes to a known peer over undici are
 * measured, traced and given the request id without the calling code doing anything.
 */
export class Telemetry {
  readonly service: string;
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly #peers = new Map<string, Peer>();
  readonly #stopBreakers: () => void;

  constructor(options: TelemetryOptions) {
    this.service = options.service;
    this.logger =
      typeof options.logger === 'string'
        ? createLogger({ service: options.service, level: options.logger })
        : (options.logger ?? silentLogger(options.service));
    this.metrics = new Metrics({ processMetrics: options.processMetrics });
    observeUpstreamCalls();
    this.#stopBreakers = onBreakerStateChange(({ kind, peer, state }) => {
      if (![...this.#peers.values()].some((known) => known.kind === kind && known.name === peer)) return;
      this.metrics.breakerState.set({ peer_kind: kind, peer }, BREAKER_STATE_VALUE[state]);
    });
  }

  /** Names the peer listening at `url` (its origin), so calls to it are measured under that name. */
  addPeer(url: string, peer: Peer): void {
    this.#peers.set(new URL(url).origin, peer);
  }

  peerAt(origin: string): Peer | undefined {
    return this.#peers.get(origin);
  }

  close(): void {
    this.#stopBreakers();
  }
}
