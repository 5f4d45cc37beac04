import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { getTableName, is, Table } from "drizzle-orm";
import { getTableConfig } from "drizzle-orm/sqlite-core";
import postgres from "postgres";
import { describe, expect, it } from "vitest";
import { connectPostgresDb, createSqliteDb, type Db } from "@/db/create";
import { sql } from "drizzle-orm";
import { configuredEngine } from "@/db/engine";
import * as sqliteSchema from "@/db/schema/sqlite";
import { compareDatabases, copyDatabase, tablesInDependencyOrder } from "@/scripts/db-copy";
import { callerFor } from "../helpers/db";

/**
 * `npm run db:copy` (scripts/db-copy.ts) moves an installation from SQLite to PostgreSQL. The order is checked
 * on both projects; the copy itself needs a PostgreSQL server, so it runs in the "pg" project: the demo data set
 * is written into a SQLite file by the real `prepare-db` script in a child process (this process's tables are
 * PostgreSQL's), copied into an empty database, verified table by table, and then served by the app.
 */
describe("db:copy", () => {
  it("copies every table after the tables it references", () => {
    const order = tablesInDependencyOrder().map((p) => p.name);
    const all = Object.values(sqliteSchema).filter((v) => is(v, Table)).map((t) => getTableName(t as Table));
    expect([...order].sort()).toEqual([...all].sort());
    for (const table of Object.values(sqliteSchema).filter((v) => is(v, Table)) as Parameters<typeof getTableConfig>[0][]) {
      for (const fk of getTableConfig(table).foreignKeys) {
        const referenced = getTableName(fk.reference().foreignTable);
        if (referenced !== getTableName(table)) expect(order.indexOf(referenced), `${getTableName(table)} after ${referenced}`).toBeLessThan(order.indexOf(getTableName(table)));
      }
    }
    expect(order.indexOf("organisations")).toBeLessThan(order.indexOf("postings"));
  });

  describe.runIf(configuredEngine() === "postgres")("on PostgreSQL", () => {
    it("copies the demo data set exactly (counts and checksums per table), refuses a target with rows, and the copy serves searches", async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "edubridge-copy-"));
      const file = path.join(dir, "edubridge.db");
      const seeded = spawnSync(process.execPath, ["--import", "tsx", "scripts/prepare-db.ts"], { env: { ...process.env, DATABASE_URL: "", DATABASE_PATH: file }, encoding: "utf8" });
      expect(seeded.status, seeded.stderr).toBe(0);
      const name = `${process.env.EDUBRIDGE_TEST_PG_PREFIX}copy_${Date.now()}`;
      const admin = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
      await admin.unsafe(`create database "${name}" template template0 encoding 'UTF8' lc_collate 'C' lc_ctype 'C'`);
      const url = new URL(process.env.DATABASE_URL!);
      url.pathname = `/${name}`;
      const source = createSqliteDb(file);
      const target = connectPostgresDb(url.toString(), { max: 2 });
      try {
        // A stored file (a student's CV, 1 MB) travels too, byte for byte.
        const [student] = await source.select({ userId: sqliteSchema.studentProfiles.userId }).from(sqliteSchema.studentProfiles).limit(1);
        const cv = Buffer.alloc(1 << 20, 7);
        await source.insert(sqliteSchema.studentCvs).values({ userId: student!.userId, content: cv });
        const results = await copyDatabase(source, target, { log: () => {} });
        const [copied] = (await target.execute(sql`select content from student_cvs where user_id = ${student!.userId}`)) as unknown as { content: Buffer }[];
        expect(Buffer.compare(copied!.content, cv)).toBe(0);
        const mismatched = results.filter((r) => r.sourceRows !== r.targetRows || r.sourceChecksum !== r.targetChecksum);
        expect(mismatched).toEqual([]);
        const rows = Object.fromEntries(results.map((r) => [r.table, r.targetRows]));
        expect(rows.postings).toBeGreaterThan(100);
        expect(rows.student_profiles).toBeGreaterThan(50);
        expect(rows.student_supply).toBeGreaterThan(0);
        // The search tokens' posting lists (PostgreSQL only, built after the copy with triggers off): every token of
        // every copied posting, nothing else.
        const [lists] = (await target.execute(sql`select
            (select count(*)::int from posting_terms pt, unnest(pt.rowids)) as "listed",
            (select count(*)::int from (select distinct t, p.rowid from postings p, unnest(cjk_bigrams(p.title || ' ' || p.description)) as t) x) as "expected",
            (select count(*)::int from (select t, p.rowid from postings p, unnest(cjk_bigrams(p.title || ' ' || p.description)) as t
               except select pt.term, r from posting_terms pt, unnest(pt.rowids) as r) y) as "missing"`)) as unknown as { listed: number; expected: number; missing: number }[];
        expect(lists).toEqual({ listed: lists!.expected, expected: lists!.expected, missing: 0 });
        expect(lists!.expected).toBeGreaterThan(1000);
        // The comparison sees a one-character change in one row of one table, and only there.
        await target.execute(sql`update postings set title = title || '。' where rowid = (select min(rowid) from postings)`);
        const after = await compareDatabases(source, target);
        expect(after.filter((r) => r.sourceChecksum !== r.targetChecksum).map((r) => r.table)).toEqual(["postings"]);
        // A second copy into the same database is refused: it is no longer empty.
        await expect(copyDatabase(source, target, { log: () => {} })).rejects.toThrow(/not empty/);
        // The app on the copy: a search finds the copied postings through PostgreSQL's bigram index.
        const found = await (await callerFor(target as unknown as Db)).search.postings({ query: "护理" });
        expect(found.total).toBeGreaterThan(0);
      } finally {
        source.$client.close();
        await target.$client.end();
        await admin.unsafe(`drop database if exists "${name}" with (force)`);
        await admin.end();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }, 180_000);
  });
});
