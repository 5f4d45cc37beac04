import { sql } from "drizzle-orm";
import type { Db } from "./create";
import { rawRows } from "./sql";
import { isPostgres } from "./transaction";

/**
 * After a bulk load on PostgreSQL (the demo seed, `npm run gen`, `npm run db:copy`): the text index's new entries sit
 * in GIN's pending list (up to 4 MB), which every search must scan, so PostgreSQL plans each word as a sequential scan
 * (0.2 s a word at 3,000 postings, against 4 ms) until VACUUM or autovacuum merges it. Merged here instead. Only the
 * index's owner may: for any other role autovacuum does it later, and the data stays valid. Nothing to do on SQLite.
 */
export async function mergePendingSearchEntries(db: Db) {
  if (!isPostgres(db)) return;
  await rawRows(db, sql`select gin_clean_pending_list('postings_search_idx'::regclass)`).catch(() => []);
}
