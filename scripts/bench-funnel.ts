/**
 * `npm run bench:funnel [-- --lists 20000 --size 20 --postings 100000]`: what logging a result list's impressions adds
 * to a search (issue 18, item 5; budget 1 ms at p95). Each round calls logImpressions on one result list and then
 * yields to the event loop, so a flush the call set off (at 2,000 distinct rows; the server also flushes each second) is counted in the
 * round that paid for it; the same rounds without the call give the baseline. On a SQLite file, where a flush is
 * synchronous and so lands on a request; on PostgreSQL a flush is network I/O and the call costs less.
 * Prints one JSON line: p50/p95/p99/max of a round with and without logging, flushes and rows written.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { createSqliteDb, type Db } from "../db/create";
import { createRandom } from "../db/random";
import { rawRows, rawRun } from "../db/sql";
import { funnelBufferFor } from "../server/funnel/buffer";
import { logImpressions } from "../server/funnel/record";
import { percentile } from "./measure";

const { values } = parseArgs({ options: { lists: { type: "string", default: "20000" }, size: { type: "string", default: "20" }, postings: { type: "string", default: "100000" } } });
const lists = Number(values.lists);
const size = Number(values.size);
const postingCount = Number(values.postings);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "edubridge-bench-funnel-"));
try {
  const db = createSqliteDb(path.join(dir, "funnel.db")) as unknown as Db;
  const random = createRandom(185);
  const ids = Array.from({ length: postingCount }, () => crypto.randomUUID());
  // Result lists drawn uniformly from every posting: the most distinct rows, so the most flushes (the worst case).
  const results = Array.from({ length: 1000 }, () => ({ items: Array.from({ length: size }, () => ({ id: ids[Math.floor(random.next() * postingCount)]! })) }));
  const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

  const round = async (log: boolean, i: number) => {
    const started = performance.now();
    if (log) logImpressions(db, "search", results[i % results.length]!);
    await yieldToLoop();
    return performance.now() - started;
  };
  const run = async (log: boolean) => {
    const times: number[] = [];
    for (let i = 0; i < lists; i++) times.push(await round(log, i));
    return times.sort((a, b) => a - b);
  };
  await run(false);
  await run(true); // warm-up: prepared statements, JIT
  await funnelBufferFor(db).flush();
  await rawRun(db, sql`DELETE FROM funnel_daily`);
  const before = { ...funnelBufferFor(db).written };
  const baseline = await run(false);
  const logged = await run(true);
  await funnelBufferFor(db).flush();
  const written = funnelBufferFor(db).written;
  const [stored] = await rawRows<{ n: number }>(db, sql`SELECT coalesce(sum(impressions), 0) AS n FROM funnel_daily`);
  console.log(
    JSON.stringify({
      case: "logImpressions per result list",
      engine: "sqlite",
      lists,
      list_size: size,
      postings: postingCount,
      p50_ms: percentile(logged, 50),
      p95_ms: percentile(logged, 95),
      p99_ms: percentile(logged, 99),
      max_ms: percentile(logged, 100),
      baseline_p95_ms: percentile(baseline, 95),
      added_p95_ms: Math.round((percentile(logged, 95) - percentile(baseline, 95)) * 100) / 100,
      flushes: written.statements - before.statements,
      rows_written: written.rows - before.rows,
      impressions_stored: Number(stored?.n ?? 0),
      impressions_logged: lists * size,
    }),
  );
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
