import { statSync } from 'node:fs';
import { NotFoundError, QueryError, StoreError, type SourceState, type Story } from '../../domain/index.ts';
import type {
  FeedRef,
  FeedVersion,
  FilingOutcome,
  FingerprintCandidate,
  FingerprintWindow,
  Reporters,
  SourceFiling,
  SourceRetention,
  StateChanges,
  Store,
  StoryPage,
  StoryQuery,
} from '../store.ts';
import { DEFAULT_BUSY_TIMEOUT_MS, openConnection, type Conn } from './connection.ts';
import { readVersions } from './feeds.ts';
import { fileSource, fileStates } from './filing.ts';
import { findCandidates } from './fingerprints.ts';
import { importLegacyJson, type LegacyImport } from './import-json.ts';
import { listStories } from './listing.ts';
import { findHolders } from './identities.ts';
import { findReporters } from './lookups.ts';
import { pruneStories } from './prune.ts';
import { pruneSourceStories } from './prune-sources.ts';
import { readMark, writeMark } from './marks.ts';
import { forgetSources, readSourceState, readSourceStates, readSourceStatesSince } from './source-states.ts';
import { readStories } from './story-rows.ts';

/** How a SqliteStore opens its file. */
export interface SqliteStoreOptions {
  /** How long a write waits for another process's write lock before it fails; default 5000 ms. */
  busyTimeoutMs?: number;
  /** A legacy JSON store file to import, once, when the SQLite file does not exist yet. */
  legacyJson?: string;
}

/**
 * The Store in one SQLite file, for a single machine: `wirefeed worker` and `wirefeed serve` may
 * share the file. better-sqlite3 is synchronous, so every call runs to completion before the next.
 */
export class SqliteStore implements Store {
  private closed = false;

  private constructor(
    private readonly conn: Conn,
    /** The database file; undefined for an in-memory store. */
    readonly file: string | undefined,
    /** What was imported from a legacy JSON store when this file was created, if anything. */
    readonly importedFrom: LegacyImport | undefined,
  ) {}

  /** Opens (creating or migrating) the store in `file`; a file this code cannot use is a StoreError. */
  static async open(file: string, options: SqliteStoreOptions = {}): Promise<SqliteStore> {
    const busyTimeoutMs = options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
    const imported = options.legacyJson === undefined ? undefined : await importLegacyJson(options.legacyJson, file, busyTimeoutMs);
    return new SqliteStore(openConnection(file, busyTimeoutMs), file, imported);
  }

  /** A store in process memory, gone when closed: for tools and tests. */
  static inMemory(): SqliteStore {
    return new SqliteStore(openConnection(':memory:'), undefined, undefined);
  }

  async fileSource(filing: SourceFiling): Promise<FilingOutcome> {
    return this.run(`filing source ${filing.state.sourceId}`, () => fileSource(this.conn, filing));
  }

  async fileStates(states: SourceState[]): Promise<void> {
    if (states.length > 0) await this.run(`filing ${states.length} source states`, () => fileStates(this.conn, states));
  }

  async findHolders(identityKeys: string[]): Promise<Map<string, string>> {
    return this.run('finding identity keys', () => findHolders(this.conn, identityKeys));
  }

  async findCandidates(bandKeys: string[], window: FingerprintWindow): Promise<FingerprintCandidate[]> {
    return this.run('finding band keys', () => findCandidates(this.conn, bandKeys, window.now.getTime()));
  }

  async findReporters(storyIds: string[]): Promise<Map<string, Reporters>> {
    return this.run('finding reporters', () => findReporters(this.conn, storyIds));
  }

  async getStory(id: string): Promise<Story | undefined> {
    return this.run(`reading story ${id}`, () => readStories(this.conn, [id]).get(id));
  }

  async listStories(query: StoryQuery): Promise<StoryPage> {
    // One read transaction: the page and its stories come from the same snapshot.
    return this.run('listing stories', () => this.conn.db.transaction(() => listStories(this.conn, query))());
  }

  async feedVersions(feeds: FeedRef[]): Promise<FeedVersion[]> {
    return this.run('reading feed versions', () => readVersions(this.conn, feeds));
  }

  async getSourceState(sourceId: string): Promise<SourceState | undefined> {
    return this.run(`reading the state of source ${sourceId}`, () => readSourceState(this.conn, sourceId));
  }

  async listSourceStates(): Promise<SourceState[]> {
    return this.run('listing source states', () => readSourceStates(this.conn));
  }

  async sourceStatesSince(cursor?: string): Promise<StateChanges> {
    const after = cursor === undefined ? 0 : Number(cursor);
    if (!Number.isSafeInteger(after)) throw new QueryError(`store: "${cursor}" is not a source state cursor of this store`);
    const { states, last } = this.run('reading changed source states', () => readSourceStatesSince(this.conn, after));
    return { states, cursor: String(last) };
  }

  async prune(cutoff: Date, now?: Date): Promise<number> {
    return this.run('pruning stories', () => pruneStories(this.conn, cutoff.getTime(), () => (now ?? new Date()).getTime()));
  }

  async pruneSources(limits: SourceRetention[], now?: Date): Promise<number> {
    return this.run('pruning sources', () => pruneSourceStories(this.conn, limits, () => (now ?? new Date()).getTime()));
  }

  async forgetSources(keep: string[]): Promise<number> {
    return this.run('forgetting sources', () => forgetSources(this.conn, keep));
  }

  async markPolled(at: Date): Promise<void> {
    this.run('noting a poll', () => writeMark(this.conn, 'polled', at.getTime()));
  }

  async lastPolled(): Promise<Date | undefined> {
    return this.run('reading the last poll', () => readMark(this.conn, 'polled'));
  }

  async stats(): Promise<{ stories: number; bytes?: number }> {
    return this.run('reading stats', () => {
      const stories = this.conn.sql('SELECT count(*) FROM stories').pluck().get() as number;
      return { stories, bytes: this.file === undefined ? this.memoryBytes() : fileBytes(this.file) };
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      this.conn.db.close();
    } catch (error) {
      throw new StoreError(`store: closing ${this.file ?? 'the in-memory store'} failed: ${(error as Error).message}`, { cause: error });
    }
  }

  private memoryBytes(): number {
    return (this.conn.db.pragma('page_count', { simple: true }) as number) * (this.conn.db.pragma('page_size', { simple: true }) as number);
  }

  // Every failure is a StoreError saying what was being done; the caller's own mistakes pass as they are.
  private run<T>(what: string, action: () => T): T {
    if (this.closed) throw new StoreError('store: the embedded store is closed');
    try {
      return action();
    } catch (error) {
      if (error instanceof StoreError || error instanceof QueryError || error instanceof NotFoundError) throw error;
      throw new StoreError(`store: ${what} failed: ${(error as Error).message}`, { cause: error });
    }
  }
}

// The database and its write-ahead log: what the store occupies on disk between checkpoints.
function fileBytes(file: string): number {
  const wal = statSync(`${file}-wal`, { throwIfNoEntry: false });
  return statSync(file).size + (wal?.size ?? 0);
}
