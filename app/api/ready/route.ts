import { sql } from "drizzle-orm";
import { rawRows } from "@/db/sql";
import { getDb } from "@/server/db";
import { indexStateFor } from "@/server/search/posting-index";
import { retryLoad } from "@/server/search/search-postings";

/**
 * Readiness for a load balancer (liveness is /api/health): 200 once this instance's search index is
 * loaded and its database answers; 503 while the index warms up at start ("warming"), after its load
 * failed ("failed": a new load is started) or when the database does not answer ("database").
 * Searches are answered meanwhile too (from SQL), only slower: this tells a balancer where they are fast.
 */
export async function GET() {
  const db = getDb();
  // Read before any await: the answer describes the moment of the request.
  const state = indexStateFor(db);
  if (state === "failed") retryLoad(db);
  if (state !== "ready") return unready(state === "failed" ? "failed" : "warming");
  try {
    await rawRows(db, sql`select 1`);
  } catch {
    return unready("database");
  }
  return Response.json({ ready: true }, { headers: { "cache-control": "no-store" } });
}

function unready(state: "warming" | "failed" | "database") {
  return Response.json({ ready: false, state }, { status: 503, headers: { "cache-control": "no-store" } });
}

export const dynamic = "force-dynamic";
