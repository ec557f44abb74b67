import type { Config } from '../config/index.ts';
import type { Source } from '../domain/index.ts';

const lookups = new WeakMap<Config, Map<string, Source>>();

/**
 * The configured source with this id. Every poll of a job or a tick looks its source up: a scan of
 * the sources would make a cycle over 30,000 of them cost 30,000² comparisons. One map per config
 * (a reload brings a new config, so a new map).
 */
export function sourceById(config: Config, id: string): Source | undefined {
  let lookup = lookups.get(config);
  if (!lookup) lookups.set(config, (lookup = new Map(config.sources.map((source) => [source.id, source]))));
  return lookup.get(id);
}
