import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { configuredEngine } from "@/db/engine";
import { rawRows, rawRun } from "@/db/sql";
import type { Db } from "@/db/create";
import { seedDemoData } from "@/scripts/seed/seed";
import { createTestDb } from "../helpers/db";

/**
 * PostgreSQL keeps each search token's posting list in posting_terms (drizzle/pg/0013_posting_terms.sql), by
 * statement-level triggers on postings. A stale list finds a posting for a word its text no longer holds, or misses
 * one it now does: after every kind of write the lists must be exactly the tokens of the postings' current text,
 * computed here independently of the triggers (and of posting_terms_rebuild()).
 */
const onPostgres = configuredEngine() === "postgres";

/** "token rowid" pairs, sorted: as the table holds them, and as the postings' text gives them. */
async function listed(db: Db) {
  const rows = await rawRows<{ pair: string }>(db, sql`select pt.term || ' ' || r as "pair" from posting_terms pt, unnest(pt.rowids) as r`);
  return rows.map((r) => r.pair).sort();
}
async function expected(db: Db) {
  const rows = await rawRows<{ pair: string }>(db, sql`select distinct t.term || ' ' || p.rowid as "pair" from postings p, unnest(cjk_bigrams(p.title || ' ' || p.description)) as t(term)`);
  return rows.map((r) => r.pair).sort();
}
async function expectExact(db: Db, when: string) {
  const [got, want] = [await listed(db), await expected(db)];
  const gotSet = new Set(got);
  const wantSet = new Set(want);
  expect({ when, missing: want.filter((p) => !gotSet.has(p)).slice(0, 5), extra: got.filter((p) => !wantSet.has(p)).slice(0, 5), repeated: got.length - gotSet.size }).toEqual({ when, missing: [], extra: [], repeated: 0 });
  // Every row is one token's rowids within one block of 2,048, and none is left empty.
  const [rows] = await rawRows<{ misplaced: number; empty: number }>(
    db,
    sql`select count(*) filter (where exists (select 1 from unnest(pt.rowids) r where r >> 11 <> pt.block))::int as "misplaced", count(*) filter (where cardinality(pt.rowids) = 0)::int as "empty" from posting_terms pt`,
  );
  expect({ when, ...rows }).toEqual({ when, misplaced: 0, empty: 0 });
}

describe("search tokens' posting lists (PostgreSQL)", () => {
  it.runIf(onPostgres)("hold exactly the tokens of the postings' text after inserts, edits, other updates and deletes", { timeout: 120_000 }, async () => {
    const db = await createTestDb();
    await seedDemoData(db, { postings: 400 });
    await expectExact(db, "after the seed's inserts");

    const ids = (await rawRows<{ id: string }>(db, sql`select id as "id" from postings order by rowid`)).map((r) => r.id);
    // One posting's text edited: 焊接 and a Latin word arrive, its old title's tokens leave.
    await rawRun(db, sql`update postings set title = ${"焊接技术员 CNC 实习"} where id = ${ids[0]!}`);
    await expectExact(db, "after one title edit");
    // Several in one statement, each taking another's text (tokens move between postings of one block).
    await rawRun(db, sql`update postings p set title = q.description, description = q.title from postings q where p.id in (${ids[1]!}, ${ids[2]!}, ${ids[3]!}) and q.id = p.id`);
    await expectExact(db, "after texts swapped within postings");
    // An update touching no text (status, quantity) changes no list.
    const before = await listed(db);
    await rawRun(db, sql`update postings set quantity = quantity + 1 where id in (${ids[4]!}, ${ids[5]!})`);
    expect(await listed(db)).toEqual(before);
    // The same text written again (an edit that saves unchanged text).
    await rawRun(db, sql`update postings set title = title || '' where id = ${ids[6]!}`);
    expect(await listed(db)).toEqual(before);
    // Deleted postings leave every list; a token only they held leaves the table.
    await rawRun(db, sql`update postings set title = ${"独有词甲乙"} where id = ${ids[7]!}`);
    await rawRun(db, sql`delete from postings where id in (${ids[7]!}, ${ids[8]!})`);
    await expectExact(db, "after deletes");
    expect(await rawRows(db, sql`select term from posting_terms where term in ('独有', '有词', '词甲', '甲乙')`)).toEqual([]);
  });

  // Several instances publish at once: two transactions adding tokens to the same rows (the newest block of a
  // common word) must both land, the second after the first commits, with no deadlock and nothing lost.
  it.runIf(onPostgres)("stay exact when two transactions write the same tokens' rows at once", { timeout: 60_000 }, async () => {
    const db = await createTestDb();
    await seedDemoData(db, { postings: 60 });
    const ids = (await rawRows<{ id: string }>(db, sql`select id as "id" from postings order by rowid`)).map((r) => r.id);
    const client = (db as unknown as { $client: { begin: (fn: (tx: (s: TemplateStringsArray, ...v: unknown[]) => Promise<unknown>) => Promise<unknown>) => Promise<unknown> } }).$client;
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    for (let round = 0; round < 3; round++) {
      const word = ["焊接钳工电工", "数控车床铣床", "护理药剂康复"][round]!;
      await Promise.all([
        client.begin(async (tx) => {
          await tx`update postings set title = ${`${word} 甲岗 ${round}`} where id = ${ids[round * 2]!}`;
          await tx`select pg_sleep(0.3)`;
        }),
        (async () => {
          await pause(100);
          await client.begin(async (tx) => {
            await tx`update postings set title = ${`乙岗 ${word}`} where id = ${ids[round * 2 + 1]!}`;
          });
        })(),
      ]);
      await expectExact(db, `round ${round}`);
    }
  });
});
