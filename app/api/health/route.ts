import { getDb } from "@/server/db";

/**
 * For uptime checks and load balancers: answers 200 when the server can read its database. Nothing
 * user-specific, nothing cached.
 */
export function GET() {
  getDb().$client.prepare("select 1").get();
  return Response.json({ ok: true }, { headers: { "cache-control": "no-store" } });
}

export const dynamic = "force-dynamic";
