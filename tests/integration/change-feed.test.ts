import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it, onTestFinished } from "vitest";
import type { Db, PostgresDb } from "@/db/create";
import { configuredEngine } from "@/db/engine";
import { postings } from "@/db/schema";
import { approvePosting } from "@/server/postings/manage";
import { prunePostingChanges } from "@/server/search/change-feed";
import { PostingIndex } from "@/server/search/posting-index";
import { callerFor, createTestDb, testDbUrl } from "../helpers/db";
import { createAdmin, createEnterprise, placementInput } from "../helpers/factories";

// The change feed is PostgreSQL's (drizzle/pg/0003_change_feed_custom.sql); SQLite keeps its updated_at reading.
const onPostgres = configuredEngine() === "postgres";

/** Longer than the 2 s look-back of the updated_at reading this feed replaced: the writer below is slow by that measure. */
const slowMs = 2500;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function submitted(db: Db, count: number, title: (k: number) => string, regionCode?: string) {
  const host = await createEnterprise(db, { staffCount: 1000 });
  const owner = await callerFor(db, host.userId);
  const ids: string[] = [];
  for (let k = 0; k < count; k++) {
    const { id } = await owner.postings.create({ organisationId: host.organisationId, posting: { ...placementInput({ title: title(k), quantity: 1, ...(regionCode ? { regionCode } : {}) }), postId: host.postId }, submit: true });
    ids.push(id);
  }
  return { host, ids };
}

async function rowidOf(db: Db, id: string) {
  return (await db.select({ rowid: sql<number>`rowid` }).from(postings).where(eq(postings.id, id)))[0]!.rowid;
}

async function found(index: PostingIndex, db: Db, organisationId: string) {
  const result = await index.search(db, { filters: { organisationId }, sort: "newest", now: Date.now(), limit: 50 });
  return result.hits.map((h) => h.rowid);
}

async function refreshedUntilFound(index: PostingIndex, db: Db, organisationId: string, within = 5000) {
  const until = Date.now() + within;
  for (;;) {
    await index.refresh(db);
    const rowids = await found(index, db, organisationId);
    if (rowids.length || Date.now() > until) return rowids;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe.skipIf(!onPostgres)("the posting change feed (PostgreSQL)", () => {
  it("applies a later transaction's change at once and a slow transaction's earlier change when it commits", async () => {
    const db = await createTestDb();
    const admin = await createAdmin(db);
    // In another province than B: the report counts kept by triggers (drizzle/pg/0006) then change other rows for A
    // than for B, and B's approval does not wait on A's row locks (the app's writers take turns under the writer lock
    // anyway; this writer stands for one that does not, as another program's would).
    const slow = await submitted(db, 1, () => "慢事务岗位", "320102");
    const quick = await submitted(db, 1, () => "快事务岗位");
    const [a, b] = [slow.ids[0]!, quick.ids[0]!];
    const index = await PostingIndex.load(db);

    // A slow transaction publishes A first (updated_at is its start, as a request's clock reading is) and stays open.
    const writer = await (db as unknown as PostgresDb).$client.reserve();
    try {
      await writer`begin`;
      await writer`update postings set status = 'published', published_at = now(), updated_at = now() where id = ${a}`;
      // A later transaction publishes B and commits first.
      await approvePosting(db, b, admin.id);
      await index.refresh(db);
      // B is committed: applied at once (a writer sees its own change), though A's transaction is still open —
      // the cursor stays before A's transaction, so A is not passed over when it commits.
      expect(await found(index, db, quick.host.organisationId)).toEqual([await rowidOf(db, b)]);
      expect(await found(index, db, slow.host.organisationId)).toEqual([]);
      await sleep(slowMs);
      await writer`commit`;
    } finally {
      writer.release();
    }
    expect(await refreshedUntilFound(index, db, quick.host.organisationId)).toEqual([await rowidOf(db, b)]);
    // An updated_at reading would have read B (and moved past A's updated_at) while A was open: the feed has both.
    expect(await found(index, db, slow.host.organisationId)).toEqual([await rowidOf(db, a)]);
  });

  it("applies a change committed after a later transaction's change was read", async () => {
    const db = await createTestDb();
    const admin = await createAdmin(db);
    const slow = await submitted(db, 1, () => "慢事务岗位");
    const quick = await submitted(db, 1, () => "快事务岗位");
    const [a, b] = [slow.ids[0]!, quick.ids[0]!];
    const index = await PostingIndex.load(db);

    const writer = await (db as unknown as PostgresDb).$client.reserve();
    try {
      // A request's transaction begins (reads, takes its time) but writes only after B is committed and read.
      await writer`begin`;
      await writer`select 1 from postings where id = ${a}`;
      await approvePosting(db, b, admin.id);
      // Read as soon as every older transaction of the server has ended (autovacuum's ANALYZE, other databases' writers).
      expect(await refreshedUntilFound(index, db, quick.host.organisationId)).toEqual([await rowidOf(db, b)]);
      await sleep(slowMs);
      // Searches go on meanwhile, each refreshing first.
      await index.refresh(db);
      await writer`update postings set status = 'published', published_at = now(), updated_at = now() where id = ${a}`;
      await writer`commit`;
    } finally {
      writer.release();
    }
    expect(await refreshedUntilFound(index, db, slow.host.organisationId)).toEqual([await rowidOf(db, a)]);
  });

  it("shows a posting approved in another process within 2 seconds, without the test refreshing", async () => {
    const db = await createTestDb();
    const admin = await createAdmin(db);
    const count = 6;
    const { host, ids } = await submitted(db, count, (k) => `跨进程岗位${k}`);
    const rowids = await Promise.all(ids.map((id) => rowidOf(db, id)));
    const index = await PostingIndex.load(db);
    expect(await found(index, db, host.organisationId)).toEqual([]);

    // The other process: the real domain function on its own connection to the same database.
    const root = process.cwd();
    const scriptDir = fs.mkdtempSync(path.join(os.tmpdir(), "change-feed-"));
    onTestFinished(() => fs.rmSync(scriptDir, { recursive: true, force: true }));
    const script = path.join(scriptDir, "approve.mts");
    fs.writeFileSync(
      script,
      `import { connectPostgresDb } from ${JSON.stringify(path.join(root, "db/create.ts"))};
       import { approvePosting } from ${JSON.stringify(path.join(root, "server/postings/manage.ts"))};
       const db = connectPostgresDb(process.env.DATABASE_URL!, { max: 2 });
       const [adminId, ...ids] = process.argv.slice(2);
       for (const id of ids) {
         await new Promise((resolve) => setTimeout(resolve, 700));
         await approvePosting(db as never, id, adminId);
         console.log(JSON.stringify({ id, committed: Date.now() }));
       }
       await db.$client.end();`,
    );
    const child = spawn(process.execPath, ["--import", "tsx", script, admin.id, ...ids], { cwd: root, env: { ...process.env, DATABASE_URL: testDbUrl(db) } });
    const committed = new Map<string, number>();
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      for (const line of output.split("\n").slice(0, -1)) {
        if (!line.startsWith("{")) continue;
        const { id, committed: at } = JSON.parse(line) as { id: string; committed: number };
        committed.set(id, at);
      }
      output = output.slice(output.lastIndexOf("\n") + 1);
    });
    let errors = "";
    child.stderr.on("data", (chunk: Buffer) => (errors += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));

    const delays: number[] = [];
    for (let k = 0; k < count; k++) {
      const deadline = Date.now() + 30_000;
      while (!committed.has(ids[k]!)) {
        if (Date.now() > deadline || child.exitCode !== null) throw new Error(`the other process did not approve: ${errors}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      const at = committed.get(ids[k]!)!;
      // Only searches here: the index is refreshed by LISTEN (or the poll), not by this test.
      while (!(await found(index, db, host.organisationId)).includes(rowids[k]!)) {
        if (Date.now() - at > 5000) break;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      delays.push(Date.now() - at);
    }
    expect(await exited).toBe(0);
    console.info(`change feed, commit to visible in another process (ms): ${delays.join(", ")}`);
    for (const delay of delays) expect(delay).toBeLessThan(2000);
    expect((await found(index, db, host.organisationId)).sort((x, y) => x - y)).toEqual([...rowids].sort((x, y) => x - y));
  }, 60_000);

  it("prunes outbox rows older than the retention only, at most the batch limit", async () => {
    const db = await createTestDb();
    const pg = db as unknown as PostgresDb;
    await pg.execute(sql`delete from posting_changes`);
    await pg.execute(
      sql`insert into posting_changes (posting_rowid, at) values
          (1, now() - interval '30 minutes'), (2, now() - interval '11 minutes'), (3, now() - interval '10 minutes 1 second'),
          (4, now() - interval '9 minutes'), (5, now())`,
    );
    const left = async () => ((await pg.execute(sql`select posting_rowid from posting_changes order by posting_rowid`)) as unknown as { posting_rowid: number }[]).map((r) => r.posting_rowid);
    expect(await prunePostingChanges(pg, { limit: 2 })).toBe(2);
    expect(await left()).toEqual([3, 4, 5]);
    expect(await prunePostingChanges(pg)).toBe(1);
    expect(await left()).toEqual([4, 5]);
    expect(await prunePostingChanges(pg)).toBe(0);
  });

  it("records every change to postings, the ones made by other triggers included", async () => {
    const db = await createTestDb();
    const { host, ids } = await submitted(db, 2, (k) => `记录岗位${k}`);
    const pg = db as unknown as PostgresDb;
    const before = ((await pg.execute(sql`select count(*)::int as n from posting_changes`)) as unknown as { n: number }[])[0]!.n;
    // A change of the organisation's verification moves its postings' host_verified (a trigger's UPDATE).
    await pg.execute(sql`update organisations set verification_status = 'pending' where id = ${host.organisationId}`);
    const rows = (await pg.execute(sql`select posting_rowid from posting_changes order by id offset ${before}`)) as unknown as { posting_rowid: number }[];
    expect(rows.map((r) => r.posting_rowid).sort((x, y) => x - y)).toEqual((await Promise.all(ids.map((id) => rowidOf(db, id)))).sort((x, y) => x - y));
  });
});
