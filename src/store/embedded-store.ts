import { StoreError, type Copy, type SourceState, type Story } from '../domain/index.ts';
import type {
  FingerprintCandidate,
  FingerprintEntry,
  FingerprintWindow,
  ListOptions,
  SaveOutcome,
  Store,
  StoryPage,
} from './store.ts';
import { readSnapshot, writeSnapshot } from './embedded-file.ts';
import { MemoryState } from './memory-state.ts';

/** How EmbeddedStore persists. */
export interface EmbeddedOptions {
  /** How long after a change the file is written; changes in between share one write. Default 1000. */
  flushDelayMs?: number;
}

/** The Store without Redis: in-process maps and sorted arrays, persisted to one JSON file. */
export class EmbeddedStore implements Store {
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> | undefined;
  private dirty = false;
  private flushError: StoreError | undefined;
  private closed = false;
  private readonly flushDelayMs: number;

  private constructor(
    private readonly state: MemoryState,
    /** The store file; undefined keeps everything in memory only. */
    readonly file: string | undefined,
    options: EmbeddedOptions,
  ) {
    this.flushDelayMs = options.flushDelayMs ?? 1000;
  }

  /** Opens the store kept in `file`, loading it if it exists (a corrupt file is a StoreError). */
  static async open(file: string, options: EmbeddedOptions = {}): Promise<EmbeddedStore> {
    const snapshot = await readSnapshot(file);
    if (!snapshot) return new EmbeddedStore(new MemoryState(), file, options);
    try {
      return new EmbeddedStore(MemoryState.fromSnapshot(snapshot), file, options);
    } catch (error) {
      // A duplicate id or an unreadable date: the file is damaged, and it must say which file.
      throw new StoreError(`store: ${file} cannot be loaded: ${(error as Error).message}`, { cause: error });
    }
  }

  /** A store that is never written anywhere, for tools and tests that need no persistence. */
  static inMemory(): EmbeddedStore {
    return new EmbeddedStore(new MemoryState(), undefined, {});
  }

  async saveStory(story: Story, identityKeys: string[]): Promise<SaveOutcome> {
    return this.change(() => this.state.saveStory(story, identityKeys));
  }

  async addCopy(storyId: string, copy: Copy, identityKeys: string[]): Promise<void> {
    this.change(() => this.state.addCopy(storyId, copy, identityKeys));
  }

  async findByIdentity(identityKeys: string[]): Promise<string | undefined> {
    return this.read(() => this.state.findByIdentity(identityKeys));
  }

  async findByIdentities(identityKeyLists: string[][]): Promise<(string | undefined)[]> {
    return this.read(() => identityKeyLists.map((keys) => this.state.findByIdentity(keys)));
  }

  async getStory(id: string): Promise<Story | undefined> {
    return this.read(() => this.state.getStory(id));
  }

  async listRegion(regionId: string, options: ListOptions): Promise<StoryPage> {
    return this.read(() => this.state.listRegion(regionId, options));
  }

  async listCountry(country: string, options: ListOptions): Promise<StoryPage> {
    return this.read(() => this.state.listCountry(country, options));
  }

  async getSourceState(sourceId: string): Promise<SourceState | undefined> {
    return this.read(() => this.state.getSourceState(sourceId));
  }

  async saveSourceState(state: SourceState): Promise<void> {
    this.change(() => this.state.saveSourceState(state));
  }

  async indexFingerprints(entries: FingerprintEntry[], window: FingerprintWindow): Promise<void> {
    this.change(() => this.state.fingerprints.add(entries, window));
  }

  async findCandidates(bandKeys: string[], window: FingerprintWindow): Promise<FingerprintCandidate[]> {
    return this.read(() => this.state.fingerprints.find(bandKeys, window, (id) => this.state.hasStory(id)));
  }

  async prune(cutoff: Date): Promise<number> {
    return this.change(() => this.state.prune(cutoff));
  }

  async stats(): Promise<{ stories: number }> {
    return this.read(() => ({ stories: this.state.count() }));
  }

  /** Writes pending changes now and waits until they are on disk. */
  async flush(): Promise<void> {
    await this.writing;
    if (this.dirty) await this.write();
    if (this.flushError) throw this.takeFlushError();
  }

  /** Flushes, then refuses further use. */
  async close(): Promise<void> {
    if (this.closed) return;
    await this.flush();
    this.closed = true;
  }

  private read<T>(action: () => T): T {
    if (this.closed) throw new StoreError('store: the embedded store is closed');
    return action();
  }

  // A failed background write is reported by the next change, so it is never lost silently.
  private change<T>(action: () => T): T {
    if (this.flushError) throw this.takeFlushError();
    const result = this.read(action);
    this.dirty = true;
    this.schedule();
    return result;
  }

  private schedule(): void {
    if (this.file === undefined || this.timer || this.writing) return;
    this.timer = setTimeout(() => void this.write(), this.flushDelayMs);
  }

  // Never rejects: a failure is kept in `flushError` for the next change or flush to throw.
  private async write(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.file === undefined || !this.dirty) {
      this.dirty = false;
      return;
    }
    this.dirty = false;
    this.writing = writeSnapshot(this.file, this.state.toSnapshot())
      .catch((error: unknown) => {
        this.dirty = true;
        this.flushError = error as StoreError;
      })
      .finally(() => {
        this.writing = undefined;
      });
    await this.writing;
    // Changes made while the file was being written get their own (coalesced) write.
    if (this.dirty && !this.flushError) this.schedule();
  }

  private takeFlushError(): StoreError {
    const error = this.flushError as StoreError;
    this.flushError = undefined;
    return error;
  }
}
