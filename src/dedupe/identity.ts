import type { Item } from '../domain/index.ts';

// A guid that is a URI (http:, urn:, tag:) is unique across publishers; a bare one ("12345")
// is unique only within its source, so it is scoped to the source.
const URI_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** The keys under which an item is already known: its canonical URL and its guid. */
export function identityKeys(item: Item): string[] {
  // A link-less item has no URL key: it must not share one with other link-less items.
  const keys = item.url ? [`url:${item.url}`] : [];
  const guid = item.guid?.trim();
  if (guid) keys.push(URI_SCHEME.test(guid) ? `guid:${guid}` : `guid:${item.sourceId}:${guid}`);
  return keys;
}
