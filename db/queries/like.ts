import { sql, type SQLWrapper } from "drizzle-orm";
import type { Db } from "../create";
import { onEngine } from "../sql";

/** A LIKE pattern matching `text` anywhere, with %, _ and \ taken literally (use with `escape '\'`). */
export function containsPattern(text: string) {
  return `%${text.replace(/[%_\\]/g, (m) => `\\${m}`)}%`;
}

/**
 * `column` contains `text` literally, ignoring case as SQLite's LIKE does (ASCII letters): PostgreSQL's
 * LIKE is case-sensitive, so there it is ILIKE.
 */
export function containsText(db: Db, column: SQLWrapper, text: string) {
  return sql`${column} ${onEngine(db, { sqlite: sql.raw("like"), postgres: sql.raw("ilike") })} ${containsPattern(text)} escape '\\'`;
}
