import { sql, type SQL } from "drizzle-orm";
import type { Db, PostgresDb } from "../../db/create";
import { bigramMatch, pgArray, tokenListRowids } from "../../db/queries/search";
import { withTransaction } from "../../db/transaction";
import { PostingChangeFeed, type FeedCheckpoint } from "./change-feed";
import type { ChangeFeed, LoadVisitor, PostingRow, PostingSource } from "./source";

/**
 * The columns the index keeps, in the order of postingColumnNames, as the SQLite source gives them:
 * instants as milliseconds (int8, parsed to numbers by db/create.ts), dates as YYYY-MM-DD text, the two
 * flags as 0/1. `::int` and `::text` also accept the integer and text forms the columns could take.
 */
const postingColumns = sql.raw(`rowid, id, organisation_id, kind, status, region_code, city_code, province_code, industry_code, industry_division, monthly_pay, quantity,
  apply_by::text as apply_by, start_date::text as start_date,
  (floor(extract(epoch from published_at) * 1000))::int8 as published_at, (floor(extract(epoch from updated_at) * 1000))::int8 as updated_at,
  case when (details::jsonb ->> 'forbiddenForMinors') in ('true', '1') then 1 else 0 end as minors, host_verified::int as host_verified`);

type ColumnRow = Record<(typeof names)[number], unknown>;
const names = ["rowid", "id", "organisation_id", "kind", "status", "region_code", "city_code", "province_code", "industry_code", "industry_division", "monthly_pay", "quantity", "apply_by", "start_date", "published_at", "updated_at", "minors", "host_verified"] as const;
const toRow = (r: ColumnRow): PostingRow => names.map((n) => r[n]);

/** Rows per FETCH of the load's cursors: a round trip per batch, and never the whole table in memory. */
const batch = 20_000;

/**
 * The posting index's reads on PostgreSQL (async). The load reads, in one repeatable-read snapshot,
 * the same columns as on SQLite through two server-side cursors (specialties in rowid order, postings in
 * region order), in batches. A text term of one token comes from its posting list (posting_terms, kept by
 * triggers), a phrase from the GIN index over cjk_bigrams (bigramMatch).
 */
export class PostgresPostingSource implements PostingSource {
  constructor(private readonly db: PostgresDb) {}

  private rows<T>(runner: PostgresDb, query: SQL): Promise<T[]> {
    return runner.execute(query) as unknown as Promise<T[]>;
  }

  async load(visit: LoadVisitor): Promise<void> {
    await withTransaction(
      this.db as unknown as Db,
      async (tx) => {
        const runner = tx as unknown as PostgresDb;
        const [top] = await this.rows<{ max: number | null; xmin: string }>(
          runner,
          sql`select max(rowid) as max,
              pg_snapshot_xmin(pg_current_snapshot())::text as xmin from postings`,
        );
        visit.begin(top?.max ?? 0);
        // The feed starts at this snapshot: transactions below its xmin are all in the load; later ones are read
        // from the outbox (re-reading one the load already saw is harmless: the index skips unchanged rows).
        visit.follow(new PostingChangeFeed(this.db, (rowids) => this.rowsOf(rowids), { xid: top!.xmin, id: 0, appliedUnsettled: [] }));
        await runner.execute(
          sql`declare index_specialties no scroll cursor for
              select p.rowid, ps.specialty_code, ps.class_domain from postings p join posting_specialties ps on ps.posting_id = p.id
              where p.status = 'published' and p.host_verified::int = 1 order by p.rowid`,
        );
        for (;;) {
          const specs = await this.rows<{ rowid: number; specialty_code: string; class_domain: string }>(runner, sql.raw(`fetch ${batch} from index_specialties`));
          for (const s of specs) visit.specialty(s.rowid, s.specialty_code, s.class_domain);
          if (specs.length < batch) break;
        }
        await runner.execute(sql`close index_specialties`);
        await runner.execute(
          sql`declare index_postings no scroll cursor for
              select ${postingColumns} from postings where status = 'published' and host_verified::int = 1 order by province_code, city_code, region_code, rowid`,
        );
        for (;;) {
          const rows = await this.rows<ColumnRow>(runner, sql.raw(`fetch ${batch} from index_postings`));
          for (const r of rows) visit.posting(toRow(r));
          if (rows.length < batch) break;
        }
        await runner.execute(sql`close index_postings`);
      },
      { mode: "read" },
    );
  }

  /** The current rows of these postings (those the change feed names). */
  private async rowsOf(rowids: number[]): Promise<PostingRow[]> {
    const rows = await this.rows<ColumnRow>(this.db, sql`select ${postingColumns} from postings where rowid = any(${pgArray(rowids)}::int8[]) order by updated_at`);
    return rows.map(toRow);
  }

  async specialtiesOf(postingIds: string[]): Promise<[string, string, string][]> {
    const rows = await this.rows<{ posting_id: string; specialty_code: string; class_domain: string }>(
      this.db,
      sql`select posting_id, specialty_code, class_domain from posting_specialties where posting_id = any(${pgArray(postingIds)}::text[])`,
    );
    return rows.map((r) => [r.posting_id, r.specialty_code, r.class_domain]);
  }

  /**
   * A token or a prefix from its posting list (posting_terms: 12 ms for a word in 145,000 postings of a million,
   * where the GIN index's visit to every posting took 120 ms); a phrase of several tokens through the GIN index.
   */
  async termRowids(part: string): Promise<number[]> {
    return (await tokenListRowids(this.db as unknown as Db, part)) ?? this.withBitmapRoom(sql`select rowid from postings where ${bigramMatch(part)}`);
  }

  async termRowidsAmong(part: string, rowids: number[]): Promise<number[]> {
    return this.withBitmapRoom(sql`select rowid from postings where rowid = any(${pgArray(rowids)}::int8[]) and ${bigramMatch(part)}`);
  }

  /**
   * Term lookups with room for their bitmap: a word in a tenth of a million postings makes a bitmap past the
   * default work_mem (4 MB), which turns lossy, and then every row on its pages is checked again by computing
   * cjk_bigrams() — 5.8 s for 软件 (103,394 postings of 1,000,003) against 0.27 s with 256 MB, measured here.
   */
  private async withBitmapRoom(query: SQL): Promise<number[]> {
    return withTransaction(
      this.db as unknown as Db,
      async (tx) => {
        await (tx as unknown as PostgresDb).execute(sql`set local work_mem = '256MB'`);
        return (await this.rows<{ rowid: number }>(tx as unknown as PostgresDb, query)).map((r) => r.rowid);
      },
      { mode: "read" },
    );
  }

  resumeFeed(checkpoint: unknown): ChangeFeed {
    return new PostingChangeFeed(this.db, (rowids) => this.rowsOf(rowids), checkpoint as FeedCheckpoint);
  }

  async sampleTexts(size: number): Promise<string[]> {
    const [range] = await this.rows<{ low: number; high: number }>(this.db, sql`select min(rowid) as low, max(rowid) as high from postings`);
    const { low, high } = range ?? { low: 0, high: 0 };
    const rowids = Array.from({ length: size }, (_, k) => Math.round(low + ((high - low) * k) / (size - 1)));
    const rows = await this.rows<{ text: string }>(this.db, sql`select title || ' ' || description as text from postings where rowid = any(${pgArray(rowids)}::int8[])`);
    return rows.map((r) => r.text);
  }
}
