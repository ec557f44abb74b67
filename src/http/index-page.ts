import type { RequestHandler } from 'express';
import { firstRunGuidance, type FirstRunGuidance } from '../domain/index.ts';
import { PAGE_CSP, renderIndexHtml, type IndexRegion } from '../render/index.ts';
import { countryNames, relativeFeedLinks, servePage, type PageDeps } from './pages-serve.ts';

const HEADLINES_PER_REGION = 5;

/**
 * `/`: every region with its newest headlines, cached per version of the region feeds and of its
 * wording. While no region has a story, the page says whether any source ever answered: the source
 * states are read then (a new deployment's, so few) and what they say is part of the cache version.
 */
export function homePage(deps: PageDeps): RequestHandler {
  const { store, catalog, output } = deps;
  const feeds = catalog.regions.map((region) => ({ kind: 'region' as const, id: region.id }));
  const guidance = async (): Promise<FirstRunGuidance | undefined> => {
    const states = await store.listSourceStates();
    return firstRunGuidance([...catalog.sources.values()], new Map(states.map((state) => [state.sourceId, state])));
  };
  return (req, res) =>
    servePage(req, res, deps, {
      key: 'page:/',
      feeds,
      csp: PAGE_CSP,
      variant: async (versions) => (/^[0,]*$/.test(versions) ? guidanceKey(await guidance()) : ''),
      async render(now) {
        const regions: IndexRegion[] = await Promise.all(
          catalog.regions.map(async (region) => {
            const page = await store.listStories({ region: region.id, limit: HEADLINES_PER_REGION });
            return { id: region.id, title: region.title, description: region.description, feeds: relativeFeedLinks(region.id), headlines: page.stories };
          }),
        );
        const stories = regions.flatMap((region) => region.headlines);
        const countries = countryNames(catalog, stories);
        const firstRun = stories.length === 0 ? await guidance() : undefined;
        const body = renderIndexHtml({
          title: output.title,
          notice: output.notice,
          opmlUrl: '/opml',
          regions,
          sources: catalog.sources,
          now,
          countries,
          firstRun,
        });
        return { body, stories };
      },
    });
}

// The guidance's content, so the cached page changes when a source fails otherwise or is polled at last.
function guidanceKey(guidance: FirstRunGuidance | undefined): string {
  return guidance ? guidance.sources.map((source) => `${source.sourceId}=${source.error}`).join('\n') : '';
}
