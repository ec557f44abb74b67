import { Router } from 'express';
import { NotFoundError } from '../domain/index.ts';
import { renderAtom, renderJsonFeed, renderRss, type FeedView } from '../render/index.ts';
import type { StoryPage } from '../store/index.ts';
import type { Rendered } from './cached-response.ts';
import { filterQueryString, pageQueryString } from './listing-query.ts';
import type { ListingScope } from './list-page.ts';
import { listingCacheControl, listingLastModified, serveListing, type Listing, type ListingDeps } from './listing-route.ts';
import { quoted } from './quote.ts';

const FORMATS = {
  rss: { contentType: 'application/rss+xml; charset=utf-8', render: renderRss },
  atom: { contentType: 'application/atom+xml; charset=utf-8', render: renderAtom },
  json: { contentType: 'application/feed+json; charset=utf-8', render: renderJsonFeed },
} as const;
type Format = keyof typeof FORMATS;

/** One served feed before filters: a region's or a country's. */
interface FeedTarget {
  /** Path key, e.g. `russia` or `country/jp`. */
  key: string;
  title: string;
  description: string;
  scope: ListingScope;
}

const REGION_FEED_LISTS = new Set(['country'] as const);
const COUNTRY_FEED_LISTS = new Set<never>();

/**
 * `/feeds/:region.{rss,atom,json}` and `/feeds/country/:cc.{rss,atom,json}`, each with the filters
 * `country` (region feeds only), `source`, `lang`, `q`, `since`, and paging (`limit`, `cursor`).
 */
export function feedRoutes(deps: ListingDeps): Router {
  const { catalog, output } = deps;
  const router = Router();
  router.get('/feeds/country/:file', async (req, res) => {
    const [name, format] = splitFile(req.params.file);
    const country = catalog.country(name);
    const key = `country/${country.code.toLowerCase()}`;
    const target = { key, title: `${output.title}: ${country.name}`, description: `Stories about ${country.name}`, scope: { country: country.code } };
    await serveListing(req, res, deps, feedSpec(deps, target, format, COUNTRY_FEED_LISTS));
  });
  router.get('/feeds/:file', async (req, res) => {
    const [name, format] = splitFile(req.params.file);
    const region = catalog.region(name);
    const target = { key: region.id, title: `${output.title}: ${region.title}`, description: region.description, scope: { region: region.id } };
    await serveListing(req, res, deps, feedSpec(deps, target, format, REGION_FEED_LISTS));
  });
  return router;
}

function splitFile(file: string): [string, Format] {
  const dot = file.lastIndexOf('.');
  const format = dot > 0 ? file.slice(dot + 1) : '';
  if (!Object.hasOwn(FORMATS, format)) {
    throw new NotFoundError(`http: unknown feed format ${quoted(file)}; valid formats: .rss, .atom, .json`);
  }
  return [file.slice(0, dot), format as Format];
}

function feedSpec(deps: ListingDeps, target: FeedTarget, format: Format, lists: ReadonlySet<'region' | 'country'>) {
  return {
    key: `feed:${target.key}.${format}`,
    scope: target.scope,
    lists,
    render: (page: StoryPage, listing: Listing): Rendered => {
      const view = feedView(deps, target, page, listing);
      const self = view.selfUrls[format];
      return {
        body: FORMATS[format].render(view),
        contentType: FORMATS[format].contentType,
        cacheControl: listingCacheControl(listing),
        lastModified: listingLastModified(listing),
        // WebSub §4: a publisher names its hub and the topic's own URL in Link headers.
        ...(deps.hub ? { headers: { Link: `<${deps.hub}>; rel="hub", <${self}>; rel="self"` } } : {}),
      };
    },
  };
}

/** The view of one page of a (possibly filtered) feed; a filtered feed has its own id, title and self links. */
function feedView(deps: ListingDeps, target: FeedTarget, page: StoryPage, listing: Listing): FeedView {
  const { catalog } = deps;
  const { query } = listing;
  const filtered = filterQueryString(query.filters);
  const [language] = query.filters.languages;
  return {
    id: filtered ? `${target.key}?${filtered}` : target.key,
    title: filtered ? `${target.title} (${describe(filtered)})` : target.title,
    description: target.description,
    selfUrls: catalog.feedLinks(target.key, pageQueryString(query)),
    homeUrl: catalog.url('/'),
    updated: listingLastModified(listing) ?? deps.startedAt,
    stories: page.stories,
    sources: catalog.sources,
    language: query.filters.languages.length === 1 ? language : catalog.languageOf(query.filters.sources),
    ttlMinutes: listing.maxAgeSeconds / 60,
    iconUrl: catalog.url('/icon.png'),
    ...(page.next === undefined ? {} : { next: catalog.feedLinks(target.key, pageQueryString(query, page.next)) }),
    ...(deps.hub ? { hub: deps.hub } : {}),
  };
}

// "country=JP,RU&q=kuril" as "country JP,RU; q kuril".
function describe(filtered: string): string {
  return [...new URLSearchParams(filtered)].map(([name, value]) => `${name} ${value}`).join('; ');
}
