import type { Config } from '../config/index.ts';
import type { Source } from '../domain/index.ts';
import type { DemoFeed } from './demo-sources.ts';

/**
 * The sample files are years old, while the store keeps stories by when it first saw them (so
 * retention never empties the demo) and the dedupe window compares copies with each other (so a
 * copy still meets its original however old both are). This keeps a demo store left running or
 * restarted for weeks from pruning what it showed on the first day.
 */
const DEMO_RETENTION_DAYS = 3650;

/** The loopback address the demo's feed server listens on, the only private address let through. */
export const DEMO_ALLOWED_NETWORKS = ['127.0.0.1/32'];

/**
 * `config` turned into the demo's: its regions and output as they are, its sources replaced by the
 * sample feeds at `feedsBaseUrl`, no WebSub, and the fetch rules the one local host needs.
 */
export function demoConfig(config: Config, feeds: readonly DemoFeed[], feedsBaseUrl: string): Config {
  const { websub: _websub, publicUrl: _publicUrl, ...output } = config.output;
  return {
    ...config,
    sources: feeds.map((feed) => demoSource(feed, feedsBaseUrl)),
    output: {
      ...output,
      title: `${output.title} demo`,
      retention: { ...output.retention, days: Math.max(output.retention.days, DEMO_RETENTION_DAYS) },
      notice:
        'This is the demo: sample feeds served by this process from files shipped with wirefeed, not live news. To run for real, stop it and run `npm start` (or `wirefeed start`), which polls the sources of config/feeds.yaml.',
    },
    fetch: {
      ...config.fetch,
      allowPrivateNetworks: false,
      allowedNetworks: DEMO_ALLOWED_NETWORKS,
      // Every sample is on one host: the politeness owed to a publisher would only delay the first page.
      perHost: Math.max(config.fetch.perHost, 4),
      hostSpacingMs: 0,
    },
  };
}

function demoSource(feed: DemoFeed, baseUrl: string): Source {
  return {
    id: feed.id,
    url: `${baseUrl}/${feed.file}`,
    title: feed.title,
    language: feed.language,
    defaultCountries: feed.defaultCountries ?? [],
    defaultRegions: [],
    pollIntervalMinutes: 60,
  };
}
