import { is, sql } from "drizzle-orm";
import { PgTransaction } from "drizzle-orm/pg-core";
import { SQLiteTransaction } from "drizzle-orm/sqlite-core";
import type { Db } from "../../db/create";
import { tables } from "../../db/schema";
import { funnelBufferFor } from "./buffer";
import type { FunnelSource } from "./sources";

/**
 * Counts an impression of every posting in a result list about to be shown, and hands the result back unchanged
 * (so the call sits on the line that returns it). Adds a few map updates to the request; the write is batched.
 */
export function logImpressions<T extends { items: readonly { id: string }[] }>(db: Db, source: FunnelSource, result: T): T {
  // Inside a transaction (a caller built on one, as some tests do) there is no database to flush to later.
  if (result.items.length > 0 && !isTransaction(db)) funnelBufferFor(db).addImpressions(result.items.map((p) => p.id), source);
  return result;
}

/**
 * Counts a view of a posting's page. For a signed-in student, also remembers where they came from, so that an
 * application made later is counted under that source (the first search or recommendation that brought them).
 */
export async function recordView(db: Db, view: { postingId: string; source: FunnelSource; studentId: string | null; at?: Date }): Promise<void> {
  const at = view.at ?? new Date();
  funnelBufferFor(db).addView(view.postingId, view.source, at.getTime());
  if (!view.studentId) return;
  const { funnelViewSources } = tables;
  await db
    .insert(funnelViewSources)
    .values({ postingId: view.postingId, studentId: view.studentId, source: view.source, viewedAt: at })
    .onConflictDoUpdate({
      target: [funnelViewSources.postingId, funnelViewSources.studentId],
      // First touch: a direct visit is upgraded by a later search or recommendation, never the other way, and the
      // time moves with the source, so an application made before that upgrade stays counted as direct.
      set: { source: sql`excluded.source`, viewedAt: sql`excluded.viewed_at` },
      setWhere: sql`funnel_view_sources.source = 'direct' AND excluded.source <> 'direct'`,
    });
}

function isTransaction(db: Db): boolean {
  return is(db, PgTransaction) || is(db, SQLiteTransaction);
}
