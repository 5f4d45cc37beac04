import { sql } from "drizzle-orm";
import { rawRows } from "@/db/sql";
import { getDb } from "@/server/db";

/**
 * For uptime checks and load balancers: answers 200 when the server can read its database (SQLite or
 * PostgreSQL). Nothing user-specific, nothing cached.
 */
export async function GET() {
  await rawRows(getDb(), sql`select 1`);
  return Response.json({ ok: true }, { headers: { "cache-control": "no-store" } });
}

export const dynamic = "force-dynamic";
