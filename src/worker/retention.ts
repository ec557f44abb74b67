import type { Config } from '../config/index.ts';
import type { SourceRetention } from '../store/index.ts';
import type { IngestDeps } from './ingest-source.ts';

const DAY = 86_400_000;

/** What one pass of pruning removes: stories first seen before `cutoff`, and each source's excess. */
export interface RetentionPlan {
  cutoff: Date;
  sources: SourceRetention[];
}

/**
 * The retention rule: a story belongs to the source that started it, and goes when it falls outside
 * that source's days (its own `retentionDays`, else `output.retention.days`) or its newest `maxStories`
 * (else `output.retention.maxStoriesPerFeed`). The all-stories cutoff is the longest window of any, so
 * that a source keeping longer than the default is not cut short; stories of sources taken out of the
 * config go by that cutoff too.
 */
export function retentionPlan(config: Config, now: Date): RetentionPlan {
  const { days, maxStoriesPerFeed } = config.output.retention;
  const longest = Math.max(days, ...config.sources.map((source) => source.retentionDays ?? days));
  const sources = config.sources.flatMap((source): SourceRetention[] => {
    const own = source.retentionDays ?? days;
    const keep = source.maxStories ?? maxStoriesPerFeed;
    if (own === longest && keep === undefined) return [];
    const since = new Date(now.getTime() - own * DAY);
    return [keep === undefined ? { sourceId: source.id, since } : { sourceId: source.id, since, keep }];
  });
  return { cutoff: new Date(now.getTime() - longest * DAY), sources };
}

/** Drops stories past retention and the state of sources no longer configured; idempotent. */
export async function pruneExpired(deps: Pick<IngestDeps, 'config' | 'store' | 'logger' | 'now'>): Promise<void> {
  const now = deps.now();
  const plan = retentionPlan(deps.config, now);
  const removed = (await deps.store.prune(plan.cutoff, now)) + (await deps.store.pruneSources(plan.sources, now));
  if (removed > 0) deps.logger.info({ removed }, 'pruned expired stories');
  // The state of a source taken out of the config is of no use to anyone.
  const forgotten = await deps.store.forgetSources(deps.config.sources.map((source) => source.id));
  if (forgotten > 0) deps.logger.info({ forgotten }, 'forgot removed sources');
}
