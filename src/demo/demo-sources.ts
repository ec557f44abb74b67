/** One sample feed of the demo: a file of `demo/feeds/` polled as a source of its own. */
export interface DemoFeed {
  file: string;
  id: string;
  title: string;
  language: string;
  /** The source's weak prior, as a newsroom would configure that outlet. */
  defaultCountries?: string[];
}

/**
 * The demo's outlets: real-world feeds for variety and country feeds, and the hand-written wire
 * feeds whose stories two outlets carry, so merged copies show (see demo/SOURCES.md).
 */
export const DEMO_FEEDS: readonly DemoFeed[] = [
  { file: 'ria-world.rss', id: 'wire-moscow', title: 'Wire Agency Moscow (sample)', language: 'en', defaultCountries: ['RU'] },
  { file: 'outlet-world.atom', id: 'daily-outlet-world', title: 'Daily Outlet — World (sample)', language: 'en' },
  { file: 'agency-africa.rss', id: 'wire-africa', title: 'Wire Agency — Africa (sample)', language: 'en' },
  { file: 'outlet-africa.atom', id: 'daily-outlet-africa', title: 'Daily Outlet — Africa (sample)', language: 'en' },
  { file: 'rnrssparser__reuters-world-news-2018.rss', id: 'reuters-world', title: 'Reuters: World News (2018 sample)', language: 'en' },
  { file: 'rss-parser__guardian.rss', id: 'guardian', title: 'The Guardian (2018 sample)', language: 'en' },
  { file: 'miniflux__bbc-urdu.xml', id: 'bbc-urdu', title: 'BBC News Urdu (2018 sample)', language: 'ur', defaultCountries: ['PK'] },
  { file: 'rss-parser__uolNoticias.rss', id: 'uol', title: 'UOL Notícias (2018 sample)', language: 'pt', defaultCountries: ['BR'] },
  { file: 'feed-rs__ilmessaggero.xml', id: 'il-messaggero', title: 'Il Messaggero — Mondo (2022 sample)', language: 'it' },
  { file: 'feed-rs__nbc-newyork.xml', id: 'nbc-new-york', title: 'NBC New York (2023 sample)', language: 'en', defaultCountries: ['US'] },
  { file: 'feedjira__HuffPostCanada.xml', id: 'huffpost-canada', title: 'HuffPost Canada (2017 sample)', language: 'en', defaultCountries: ['CA'] },
];
