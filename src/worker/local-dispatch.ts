import type { Config } from '../config/index.ts';
import type { IngestDeps } from './ingest-source.ts';
import { createAfterPolls } from './after-polls.ts';
import { dueSources } from './due.ts';
import { createStateView } from './state-view.ts';
import { createHostGate } from './host-gate.ts';
import { createInTurn } from './in-turn.ts';
import { sourceById } from './source-lookup.ts';
import { pollLogged, pruneExpired } from './run-cycle.ts';
import type { Worker, WorkerOptions } from './schedule.ts';
import { startTicker } from './ticker.ts';

const PRUNE_EVERY_MS = 60 * 60_000;

/**
 * The in-process scheduler of the embedded store (`npm start` with nothing installed). Every tick
 * starts each due source not already under way through the host gate; nothing waits for a cycle to
 * end, so one slow source delays only the next request to its own host.
 */
export function startLocalDispatch(deps: IngestDeps, options: WorkerOptions): Worker {
  let current = deps;
  let gate = createHostGate(deps.config.fetch);
  const inTurn = createInTurn();
  const underWay = new Map<string, Promise<unknown>>();
  const after = createAfterPolls(options.afterCycle, deps.logger);
  let lastPrune = Number.NEGATIVE_INFINITY;
  const readStates = createStateView(deps.store);

  const start = (id: string, host: string): void => {
    const poll = gate(host, async () => {
      // The config may have been reloaded while this source waited for its host.
      const source = sourceById(current.config, id);
      if (source) await pollLogged(source, current, { inTurn });
    }).finally(() => {
      underWay.delete(id);
      after.polled();
    });
    underWay.set(id, poll);
  };
  const ticker = startTicker(
    options.tickSeconds ?? 1,
    async () => {
      const states = await readStates();
      for (const { source, host } of dueSources(current.config.sources, states, current.now().getTime())) {
        if (!underWay.has(source.id)) start(source.id, host);
      }
      if (current.now().getTime() - lastPrune >= PRUNE_EVERY_MS) {
        lastPrune = current.now().getTime();
        await pruneExpired(current);
      }
      void after.flush();
    },
    current.logger,
  );
  return {
    reload(config: Config) {
      // A new gate only for new limits: the old one keeps spacing the requests it holds.
      if (!sameLimits(current.config, config)) gate = createHostGate(config.fetch);
      current = { ...current, config };
    },
    async stop() {
      await ticker.stop();
      await Promise.all(underWay.values());
      await after.flush();
    },
  };
}

function sameLimits(a: Config, b: Config): boolean {
  return a.fetch.perHost === b.fetch.perHost && a.fetch.hostSpacingMs === b.fetch.hostSpacingMs && a.fetch.concurrency === b.fetch.concurrency;
}
