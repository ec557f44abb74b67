// TEMPORARY stand-in until src/store exports EmbeddedStore; delete when it lands.
import type { Copy, SourceState, Story } from '../../src/domain/index.ts';
import type { ListOptions, Store, StoryPage } from '../../src/store/store.ts';

export class MemoryStore implements Store {
  private stories = new Map<string, Story>();
  async saveStory(story: Story): Promise<void> {
    this.stories.set(story.id, structuredClone(story));
  }
  async addCopy(storyId: string, copy: Copy): Promise<void> {
    this.stories.get(storyId)?.copies.push(copy);
  }
  async findByIdentity(): Promise<string | undefined> {
    return undefined;
  }
  async getStory(id: string): Promise<Story | undefined> {
    return this.stories.get(id);
  }
  async listRegion(regionId: string, options: ListOptions): Promise<StoryPage> {
    return this.page((s) => s.regions.includes(regionId), options);
  }
  async listCountry(country: string, options: ListOptions): Promise<StoryPage> {
    return this.page((s) => s.countries.includes(country), options);
  }
  async getSourceState(): Promise<SourceState | undefined> {
    return undefined;
  }
  async saveSourceState(): Promise<void> {}
  async prune(): Promise<number> {
    return 0;
  }
  async stats(): Promise<{ stories: number }> {
    return { stories: this.stories.size };
  }
  async close(): Promise<void> {}
  private page(match: (s: Story) => boolean, { limit, cursor }: ListOptions): StoryPage {
    const all = [...this.stories.values()].filter(match).sort((a, b) => b.item.published.localeCompare(a.item.published));
    const start = cursor ? Number(cursor) : 0;
    const end = start + limit;
    return { stories: all.slice(start, end), next: end < all.length ? String(end) : undefined };
  }
}
