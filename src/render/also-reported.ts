import { escapeUTF8 } from 'entities';
import type { Copy } from '../domain/index.ts';
import type { SourceRef } from './feed-view.ts';

/** An HTML paragraph naming the other outlets that carried the story; empty when none did. */
export function alsoReportedHtml(copies: readonly Copy[], sources: ReadonlyMap<string, SourceRef>): string {
  if (copies.length === 0) return '';
  const links = copies.map((copy) => {
    const name = escapeUTF8(sources.get(copy.sourceId)?.title ?? copy.sourceId);
    // Only web links become anchors: a stray javascript: URL from a feed must never be clickable.
    return isWebUrl(copy.link) ? `<a href="${escapeUTF8(copy.link)}">${name}</a>` : name;
  });
  return `<p class="also-reported">Also reported by: ${links.join(', ')}</p>`;
}

/** True for an absolute http(s) URL. */
export function isWebUrl(value: string | undefined): value is string {
  return value !== undefined && /^https?:\/\//i.test(value);
}
