import { itemsLastDay, sourceStanding, stateForUrl, type Region, type SourceState, type Story, type WebSubSubscription } from '../domain/index.ts';
import type { SourceRef } from '../render/index.ts';
import type { Catalog } from './catalog.ts';

type Sources = ReadonlyMap<string, SourceRef>;

/** A story as the API lists it: what it says and where it belongs, without classification evidence. */
export function apiStory(story: Story, sources: Sources) {
  const { item } = story;
  const source = (id: string) => ({ id, title: sources.get(id)?.title ?? id });
  return {
    id: story.id,
    title: item.title,
    url: item.link ?? null,
    summary: item.summary,
    published: item.published,
    firstSeen: story.firstSeen,
    author: item.author ?? null,
    image: item.image ?? null,
    language: item.language ?? null,
    source: source(item.sourceId),
    countries: story.countries,
    regions: story.regions,
    copies: story.copies.map((copy) => ({ source: source(copy.sourceId), url: copy.link ?? null, published: copy.published })),
  };
}

/** One story in full: the listing's fields plus its content, media, every outlet that reported it, and the evidence for its countries. */
export function apiStoryDetail(story: Story, sources: Sources) {
  const reporters = [...new Set([story.item.sourceId, ...story.copies.map((copy) => copy.sourceId)])];
  return {
    ...apiStory(story, sources),
    contentHtml: story.item.contentHtml ?? null,
    enclosures: story.item.enclosures.map((e) => ({ url: e.url, type: e.type ?? null, length: e.length ?? null })),
    sources: reporters.map((id) => ({ id, title: sources.get(id)?.title ?? id, url: sources.get(id)?.url ?? null })),
    evidence: story.evidence.map(({ country, kind, match, weight }) => ({ country, kind, match, weight })),
  };
}

/** A region with its countries, its feeds and its API listing. */
export function apiRegion(region: Region, catalog: Catalog) {
  return {
    id: region.id,
    title: region.title,
    description: region.description,
    everything: region.everything,
    countries: [...region.countries].sort(),
    feeds: catalog.feedLinks(region.id),
    stories: catalog.url(`/api/regions/${region.id}/stories`),
  };
}

/**
 * A source, how it stands and its last poll; never polled yet reads as nulls and zeros. Validators are
 * shown as present or not, never their values, and the WebSub secret never leaves the store.
 */
export function apiSource(source: SourceRef, stored: SourceState | undefined, now: Date) {
  const state = stored && stateForUrl(source, stored);
  return {
    id: source.id,
    title: source.title,
    url: source.url,
    status: sourceStanding(source, state, now),
    lastFetchedAt: state?.lastFetchedAt ?? null,
    lastSuccessAt: state?.lastSuccessAt ?? null,
    lastError: state?.lastError ?? null,
    lastStatus: state?.lastStatus ?? null,
    consecutiveFailures: state?.consecutiveFailures ?? 0,
    nextPollAt: state?.nextPollAt ?? null,
    warnings: state?.warnings ?? [],
    itemsSeen: state?.itemsSeen ?? 0,
    itemsLast24h: itemsLastDay(state, now),
    validators: { etag: state?.etag !== undefined, lastModified: state?.lastModified !== undefined },
    movedTo: state?.movedTo ?? null,
    redirect: state?.redirect ?? null,
    retired: state?.retired ?? null,
    hostRetryAfterUntil: state?.hostRetryAfterUntil ?? null,
    websub: state?.websub ? apiWebSub(state.websub) : null,
  };
}

// Which hub pushes this source and until when; the secret is never part of it.
function apiWebSub({ hub, topic, status, leaseUntil, reason }: WebSubSubscription) {
  return { hub, topic, status, leaseUntil: leaseUntil ?? null, reason: reason ?? null };
}
