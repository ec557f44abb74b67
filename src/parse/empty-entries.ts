import type { RawEntry } from './types.ts';

const ENTRY_ELEMENT = /<((?:[\w.-]+:)?(?:item|entry))[\s>][\s\S]*?<\/\1\s*>/g;
// A title, link, id or content element that is not empty, or any address attribute (href, url, rdf:about).
const HOLDS =
  /<(?:[\w.-]+:)?(?:title|link|id|guid|description|summary|content|encoded)\b[^>]*(?<!\/)>(?!\s*(?:<!\[CDATA\[\s*\]\]>\s*)?<\/)|\b(?:href|url|about)\s*=\s*["']\s*[^"'\s]/;

/**
 * The entries with something to show or point to, and how many were skipped. A date, an author or
 * a geo point alone is not an entry (normalize would drop it without a word); an enclosure is (an
 * episode may be only its audio file).
 */
export function dropEmptyEntries(entries: RawEntry[], text: string): { entries: RawEntry[]; skipped: number } {
  // feedsmith drops an entry it reads nothing in; when none came out, count those in the document.
  if (entries.length === 0) return { entries, skipped: emptyEntryElements(text) };
  const kept = entries.filter(holdsSomething);
  return { entries: kept, skipped: entries.length - kept.length };
}

function holdsSomething(entry: RawEntry): boolean {
  return Boolean(
    entry.links.length > 0 ||
    entry.guid?.trim() ||
    entry.title?.trim() ||
    entry.contentHtml?.trim() ||
    entry.summaryHtml?.trim() ||
    entry.enclosures.length > 0,
  );
}

// Only when every entry element plainly holds nothing: items that came out as nothing for another
// reason (outside the RSS <channel>) keep the plain "no entries" warning.
function emptyEntryElements(text: string): number {
  const elements = [...text.matchAll(ENTRY_ELEMENT)].map((match) => match[0]);
  return elements.some((element) => HOLDS.test(element)) ? 0 : elements.length;
}
