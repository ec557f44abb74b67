import type { RequestHandler } from 'express';
import { PAGE_CSP, renderIndexHtml, type IndexRegion } from '../render/index.ts';
import { countryNames, relativeFeedLinks, servePage, type PageDeps } from './pages-serve.ts';

const HEADLINES_PER_REGION = 5;

/** `/`: every region with its newest headlines, cached per version of the region feeds and of its wording. */
export function homePage(deps: PageDeps): RequestHandler {
  const { store, catalog, output } = deps;
  const feeds = catalog.regions.map((region) => ({ kind: 'region' as const, id: region.id }));
  return (req, res) =>
    servePage(req, res, deps, {
      key: 'page:/',
      feeds,
      csp: PAGE_CSP,
      async render(now) {
        const regions: IndexRegion[] = await Promise.all(
          catalog.regions.map(async (region) => {
            const page = await store.listStories({ region: region.id, limit: HEADLINES_PER_REGION });
            return { id: region.id, title: region.title, description: region.description, feeds: relativeFeedLinks(region.id), headlines: page.stories };
          }),
        );
        const stories = regions.flatMap((region) => region.headlines);
        const countries = countryNames(catalog, stories);
        const body = renderIndexHtml({ title: output.title, opmlUrl: '/opml', regions, sources: catalog.sources, now, countries });
        return { body, stories };
      },
    });
}
