import type { Db, PostgresDb, SqliteDb } from "../../db/create";
import { isPostgres } from "../../db/transaction";
import { PostgresPostingSource } from "./postgres-source";
import { SqlitePostingSource } from "./sqlite-source";

/**
 * Where the posting index reads from: one implementation per engine. A posting row is an array in the
 * order of `postingColumnNames`, with published_at and updated_at as milliseconds, minors and
 * host_verified as 0/1 (or booleans), apply_by and start_date as YYYY-MM-DD.
 */
export const postingColumnNames = [
  "rowid",
  "id",
  "organisation_id",
  "kind",
  "status",
  "region_code",
  "city_code",
  "province_code",
  "industry_code",
  "industry_division",
  "monthly_pay",
  "quantity",
  "apply_by",
  "start_date",
  "published_at",
  "updated_at",
  "minors",
  "host_verified",
] as const;

export type PostingRow = unknown[];

/** What the first load hands over, in this order: the largest rowid, every specialty row, every posting row. */
export interface LoadVisitor {
  begin(maxRowid: number): void;
  /** Specialties of published postings of verified hosts, in rowid order. */
  specialty(rowid: number, code: string, classDomain: string): void;
  /** Published postings of verified hosts, in region order (province, city, county, rowid). */
  posting(row: PostingRow): void;
  /** The change feed from the load's snapshot on: how the index learns of every later write. */
  follow(feed: ChangeFeed): void;
}

/**
 * Every change after the load, in commit-safe order: on PostgreSQL the outbox (server/search/change-feed.ts); on
 * SQLite updated_at order, exact there because writers take turns and updated_at strictly moves (drizzle/sqlite/0016).
 */
export interface ChangeFeed {
  /** The current rows of the postings changed since the previous read; a deleted posting comes as status "deleted". */
  read(): Promise<PostingRow[]>;
  /** Refreshes the target (held weakly) when another process may have changed postings. */
  keepFresh(target: { refresh(db: Db): Promise<void> }): void;
  /** Whether a query must read the feed first, or may trust that keepFresh has brought every change in. */
  mustReadBeforeQuery(): boolean;
  /** Where the feed stands, as JSON: PostingSource.resumeFeed continues from it (an index snapshot keeps it). */
  checkpoint(): unknown;
}

export interface PostingSource {
  /** The first load, from one consistent snapshot, ending with the change feed that follows it. */
  load(visit: LoadVisitor): Promise<void>;
  /** [posting id, specialty code, class domain] of these postings. */
  specialtiesOf(postingIds: string[]): Promise<[string, string, string][]>;
  /** The rowids of the postings whose text matches one FTS part (server/search/text.ts ftsQueryParts). */
  termRowids(part: string): Promise<number[]>;
  /** The same, among these rowids only. */
  termRowidsAmong(part: string, rowids: number[]): Promise<number[]>;
  /** Title and description of about `size` postings spread evenly over the rowids (to estimate common words). */
  sampleTexts(size: number): Promise<string[]>;
  /** The change feed from a checkpoint on (ChangeFeed.checkpoint), for an index restored from a snapshot. */
  resumeFeed(checkpoint: unknown): ChangeFeed;
}

const sources = new WeakMap<object, PostingSource>();

/** The source for a database handle, made once per handle. */
export function sourceFor(db: Db): PostingSource {
  let source = sources.get(db);
  if (!source) {
    source = isPostgres(db) ? new PostgresPostingSource(db as unknown as PostgresDb) : new SqlitePostingSource(db as unknown as SqliteDb);
    sources.set(db, source);
  }
  return source;
}
