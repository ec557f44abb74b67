import { Counter, Histogram, type Registry } from 'prom-client';
import type { Store } from '../store/index.ts';

// The Store's own operations: the label takes no other value, whatever else an implementation has.
const OPERATIONS = new Set<string>([
  'fileSource',
  'fileStates',
  'findHolders',
  'findCandidates',
  'findReporters',
  'getStory',
  'listStories',
  'feedVersions',
  'getSourceState',
  'listSourceStates',
  'sourceStatesSince',
  'prune',
  'pruneSources',
  'forgetSources',
  'markPolled',
  'lastPolled',
  'stats',
]);

/** Wraps stores so that each operation's latency and failures are counted by operation. */
export type StoreObserver = (store: Store) => Store;

/** Store operation latency and errors, recorded by a wrapper around the process's store. */
export function storeMetrics(registry: Registry): StoreObserver {
  const registers = [registry];
  const seconds = new Histogram({
    name: 'wirefeed_store_operation_duration_seconds',
    help: 'Store operations, by operation.',
    labelNames: ['operation'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5],
    registers,
  });
  const errors = new Counter({
    name: 'wirefeed_store_errors_total',
    help: 'Store operations that failed, by operation.',
    labelNames: ['operation'] as const,
    registers,
  });
  const timed = async (operation: string, run: () => Promise<unknown>): Promise<unknown> => {
    const end = seconds.startTimer({ operation });
    try {
      return await run();
    } catch (error) {
      errors.inc({ operation });
      throw error;
    } finally {
      end();
    }
  };
  // A Proxy rather than a class listing every method: the wrapper cannot fall behind the interface.
  return (store) =>
    new Proxy(store, {
      get(target, name) {
        const value: unknown = Reflect.get(target, name, target);
        if (typeof value !== 'function' || typeof name !== 'string' || !OPERATIONS.has(name)) return value;
        return (...args: unknown[]) => timed(name, () => (value as (...a: unknown[]) => Promise<unknown>).apply(target, args));
      },
    });
}
