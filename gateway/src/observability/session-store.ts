import type { Metrics } from '../../../common/observability/metrics.ts';
import type { SessionStore } from '../session/store.ts';

type Operation = Exclude<keyof SessionStore, 'close'>;

/** The same store, counting every failed operation in `session_store_errors_total{operation}`. */
export function instrumentSessionStore(store: SessionStore, metrics: Metrics): SessionStore {
  const counted =
    <A extends unknown[], R>(operation: Operation, call: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return await call(...args);
      } catch (error) {
        metrics.sessionStoreErrors.inc({ operation });
        throw error;
      }
    };
  return {
    get: counted('get', (key) => store.get(key)),
    set: counted('set', (key, value, ttl) => store.set(key, value, ttl)),
    touch: counted('touch', (key, ttl) => store.touch(key, ttl)),
    take: counted('take', (key) => store.take(key)),
    destroy: counted('destroy', (key) => store.destroy(key)),
    ping: counted('ping', () => store.ping()),
    close: () => store.close(),
  };
}
