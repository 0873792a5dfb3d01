import { channel, subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { BreakerState } from './metrics.ts';
import type { PeerKind } from './telemetry.ts';

export type { BreakerState } from './metrics.ts';

export interface BreakerStateChange {
  kind: PeerKind;
  /** The peer's name: `cpf`, `training`… */
  peer: string;
  state: BreakerState;
}

const CHANNEL = 'compte-des-comptes:circuit-breaker';
const breakerChannel = channel(CHANNEL);

/**
 * What a circuit breaker calls when it opens, half-opens or closes. The breakers know nothing
 * of metrics: every app that calls this peer shows the state in `circuit_breaker_state`.
 */
export function reportBreakerState(change: BreakerStateChange): void {
  breakerChannel.publish(change);
}

export function onBreakerStateChange(listener: (change: BreakerStateChange) => void): () => void {
  const handler = (message: unknown) => listener(message as BreakerStateChange);
  subscribe(CHANNEL, handler);
  return () => {
    unsubscribe(CHANNEL, handler);
  };
}
