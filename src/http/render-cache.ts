import { CachedResponse, type Rendered } from './cached-response.ts';

/** How many responses one `serve` process keeps by default. */
export const RENDER_CACHE_ENTRIES = 500;

/**
 * Rendered responses by key (feed, format, filters, page), each valid for one version of what it
 * shows: a request whose version matches reuses the body, its ETag and its compressed variants,
 * with no store scan, no render and no hash. Least recently used entries go first.
 */
export interface RenderCache {
  /** The response for `key` at `version`, rendered (once, however many ask at the same time) when missing or stale. */
  get(key: string, version: string, render: () => Promise<Rendered>): Promise<CachedResponse>;
  /** The response for `key` at `version` if it is rendered already; nothing is rendered. */
  peek(key: string, version: string): CachedResponse | undefined;
  /** Entries held now. */
  readonly size: number;
}

interface Slot {
  version: string;
  response: Promise<CachedResponse>;
  /** The response once rendered. */
  ready?: CachedResponse;
}

/**
 * A render cache holding at most `maxEntries` responses; `lookedUp` hears of each `get` (a hit when
 * the response for that version is there or being rendered) and of each `peek` that found it.
 */
export function createRenderCache(maxEntries = RENDER_CACHE_ENTRIES, lookedUp?: (hit: boolean) => void): RenderCache {
  const slots = new Map<string, Slot>();
  return {
    get size() {
      return slots.size;
    },
    peek(key, version) {
      const slot = slots.get(key);
      if (slot?.version !== version || !slot.ready) return undefined;
      lookedUp?.(true);
      slots.delete(key);
      slots.set(key, slot);
      return slot.ready;
    },
    get(key, version, render) {
      const slot = slots.get(key);
      slots.delete(key);
      lookedUp?.(slot?.version === version);
      if (slot?.version === version) {
        slots.set(key, slot);
        return slot.response;
      }
      const fresh: Slot = { version, response: render().then((rendered) => (fresh.ready = new CachedResponse(rendered))) };
      // A failed render is not kept: the next request tries again.
      fresh.response.catch(() => slots.get(key) === fresh && slots.delete(key));
      slots.set(key, fresh);
      if (slots.size > maxEntries) slots.delete(slots.keys().next().value as string);
      return fresh.response;
    },
  };
}
