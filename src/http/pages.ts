import { Router, type Request, type Response } from 'express';
import { QueryError, type Region } from '../domain/index.ts';
import { countryPath, EMBED_CSP, embedPath, PAGE_CSP, regionPath, renderEmbed, renderListingPage, type PageLink } from '../render/index.ts';
import type { FeedRef, StoryQuery } from '../store/index.ts';
import { homePage } from './index-page.ts';
import type { ListingDeps } from './listing-route.ts';
import { createPageClock } from './pages-clock.ts';
import { faviconRoutes } from './pages-favicon.ts';
import { countryNames, relativeFeedLinks, servePage, type PageDeps } from './pages-serve.ts';
import { RENDER_CACHE_ENTRIES } from './render-cache.ts';

const STORIES_PER_PAGE = 30;
const EMBED_STORIES = 8;
const MAX_EMBED_STORIES = 20;
const MAX_CURSOR = 1000;

/** One region's or country's page before its stories. */
interface ListingTarget {
  path: string;
  heading: string;
  description: string;
  feedKey: string;
  feed: FeedRef;
  scope: Pick<StoryQuery, 'region' | 'country'>;
  related?: { label: string; links: PageLink[] };
  embedUrl?: string;
}

/** The pages for people: `/`, `/regions/:id`, `/countries/:cc`, `/embed/:region`, and the favicons. */
export function pageRoutes(listing: ListingDeps): Router {
  const deps: PageDeps = { ...listing, clock: createPageClock(RENDER_CACHE_ENTRIES) };
  const { catalog } = deps;
  const router = Router();
  router.get('/', homePage(deps));
  router.get('/regions/:id', (req, res) => {
    const region = catalog.region(req.params.id);
    return serveListingPage(req, res, deps, regionTarget(deps, region));
  });
  router.get('/countries/:cc', (req, res) => {
    const { code, name } = catalog.country(req.params.cc);
    const regions = catalog.regions.filter((region) => region.everything || region.countries.has(code));
    return serveListingPage(req, res, deps, {
      path: countryPath(code),
      heading: name,
      description: `Stories about ${name}, newest first.`,
      feedKey: `country/${code.toLowerCase()}`,
      feed: { kind: 'country', code },
      scope: { country: code },
      related: { label: `Regions with ${name}`, links: regions.map((region) => ({ href: regionPath(region.id), title: region.title })) },
    });
  });
  router.get('/embed/:region', (req, res) => serveEmbed(req, res, deps, catalog.region(req.params.region)));
  router.use(faviconRoutes(deps.startedAt));
  return router;
}

function regionTarget(deps: PageDeps, region: Region): ListingTarget {
  const countries = [...region.countries].flatMap((code) => (deps.catalog.isCountry(code) ? [deps.catalog.country(code)] : []));
  countries.sort((a, b) => a.name.localeCompare(b.name, 'en'));
  return {
    path: regionPath(region.id),
    heading: region.title,
    description: region.description,
    feedKey: region.id,
    feed: { kind: 'region', id: region.id },
    scope: { region: region.id },
    embedUrl: deps.catalog.url(embedPath(region.id)),
    // The world region holds every country: a list of all of them would only be noise.
    ...(region.everything || countries.length === 0
      ? {}
      : { related: { label: `Countries in ${region.title}`, links: countries.map((c) => ({ href: countryPath(c.code), title: c.name })) } }),
  };
}

async function serveListingPage(req: Request, res: Response, deps: PageDeps, target: ListingTarget): Promise<void> {
  const cursor = cursorOf(req.query.cursor);
  const query = cursor === undefined ? '' : `?cursor=${encodeURIComponent(cursor)}`;
  await servePage(req, res, deps, {
    key: `page:${target.path}${query}`,
    feeds: [target.feed],
    csp: PAGE_CSP,
    async render(now) {
      const page = await deps.store.listStories({ ...target.scope, limit: STORIES_PER_PAGE, ...(cursor === undefined ? {} : { cursor }) });
      const body = renderListingPage({
        title: deps.output.title,
        opmlUrl: '/opml',
        sources: deps.catalog.sources,
        nav: deps.catalog.regions,
        now,
        countries: countryNames(deps.catalog, page.stories),
        heading: target.heading,
        description: target.description,
        href: target.path,
        feeds: relativeFeedLinks(target.feedKey),
        stories: page.stories,
        ...(page.next === undefined ? {} : { olderUrl: `${target.path}?cursor=${encodeURIComponent(page.next)}` }),
        ...(cursor === undefined ? {} : { newestUrl: target.path }),
        ...(target.related ? { related: target.related } : {}),
        ...(target.embedUrl === undefined ? {} : { embedUrl: target.embedUrl }),
      });
      return { body, stories: page.stories };
    },
  });
}

async function serveEmbed(req: Request, res: Response, deps: PageDeps, region: Region): Promise<void> {
  const limit = embedLimit(req.query.limit);
  await servePage(req, res, deps, {
    key: `page:${embedPath(region.id)}?limit=${limit}`,
    feeds: [{ kind: 'region', id: region.id }],
    csp: EMBED_CSP,
    framable: true,
    async render(now) {
      const { stories } = await deps.store.listStories({ region: region.id, limit });
      const feeds = relativeFeedLinks(region.id);
      const body = renderEmbed({
        title: deps.output.title,
        heading: region.title,
        pageUrl: regionPath(region.id),
        feeds,
        stories,
        sources: deps.catalog.sources,
        now,
      });
      return { body, stories };
    },
  });
}

// Other parameters (a site's own tracking tags) are ignored, as on feeds.
function cursorOf(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === '' || value.length > MAX_CURSOR) {
    throw new QueryError('http: bad query: cursor must be the "Older stories" cursor of an earlier page, given once');
  }
  return value;
}

function embedLimit(value: unknown): number {
  if (value === undefined) return EMBED_STORIES;
  const limit = typeof value === 'string' && /^\d{1,3}$/.test(value) ? Number(value) : Number.NaN;
  if (!(limit >= 1 && limit <= MAX_EMBED_STORIES)) {
    throw new QueryError(`http: bad query: limit must be a whole number from 1 to ${MAX_EMBED_STORIES}`);
  }
  return limit;
}
