import { EventEmitter } from 'node:events';

/**
 * An abort signal for one undici call, fired after `ms`. undici takes an EventEmitter emitting
 * `abort` as well as an AbortSignal; on the hot path (every agency and subgraph call) this
 * spares the AbortSignal, its DOMException and its transferable wrapper, which profiles show
 * among the gateway's costs. undici then fails the call with an `AbortError`.
 */
export function deadline(ms: number): { signal: EventEmitter; clear(): void } {
  const signal = new EventEmitter();
  const timer = setTimeout(() => signal.emit('abort'), ms);
  return { signal, clear: () => clearTimeout(timer) };
}
