import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createSqliteDb, type Db } from "@/db/create";
import { writeSearchText } from "@/db/queries/postings";
import { postings } from "@/db/schema";
import { rawRows, rawRun } from "@/db/sql";
import { isPostgres } from "@/db/transaction";
import { seedDemoData } from "@/scripts/seed/seed";
import { sourceFor } from "@/server/search/source";
import { SqlitePostingSource } from "@/server/search/sqlite-source";
import { ftsQueryParts, postingSearchText } from "@/server/search/text";
import { createTestDb } from "../helpers/db";

/**
 * PostgreSQL answers text terms from a GIN index over cjk_bigrams(title || ' ' || description); SQLite from
 * the FTS5 table posting_search. On the same postings both must find exactly the same ones, for every
 * kind of term: a Han bigram (one token), a longer Han run (a phrase of bigrams), a single Han character
 * and a Latin word (token prefixes). In the pg project the PostgreSQL answer is compared with an FTS5 table
 * built here from the same rows; in the unit project FTS5 is compared with LIKE (for Han runs, where a
 * substring and the phrase of its bigrams are the same thing).
 */

/**
 * Titles that exercise the edges: case and full-width forms, a character at the end of a run, a word in Latin and Han,
 * and phrases FTS5 finds across two Han runs (软件，件技术 holds 软件 件技 技术 in a row; a Latin letter between breaks it).
 */
const edgeTitles = ["ＪＡＶＡ 开发实习", "Java工程师 汽车", "JavaScript 前端 车间", "软件，件技术 岗位", "数控车床操作 CNC", "电子商务 E-commerce 运营", "车 钳 铣（实习）", "ＣＡＦÉ Café 咖啡师", "软件A件技术 对照", "数控技 … 技术员"];

/** Terms drawn evenly from the postings' own text: bigrams, runs of 3 and 4, single characters, Latin words and their prefixes. */
function termsOf(texts: string[], each = 40) {
  const han = new Set<string>();
  const single = new Set<string>();
  const latin = new Set<string>();
  for (const text of texts) {
    for (const run of text.match(/\p{Script=Han}+/gu) ?? []) {
      const chars = [...run];
      for (let i = 0; i < chars.length; i++) {
        single.add(chars[i]!);
        for (const n of [2, 3, 4]) if (i + n <= chars.length) han.add(chars.slice(i, i + n).join(""));
      }
    }
    for (const word of text.match(/[A-Za-z0-9]+/g) ?? []) {
      latin.add(word);
      if (word.length > 2) latin.add(word.slice(0, 2));
    }
  }
  const spread = (set: Set<string>, n: number) => {
    const all = [...set].sort();
    return all.length <= n ? all : Array.from({ length: n }, (_, k) => all[Math.floor((k * all.length) / n)]!);
  };
  return { han: spread(han, each * 3), single: spread(single, each), latin: spread(latin, each) };
}

async function postingTexts(db: Db) {
  return rawRows<{ rowid: number; title: string; description: string }>(db, sql`select rowid as "rowid", title as "title", description as "description" from postings order by rowid`);
}

const sorted = (rowids: number[]) => [...rowids].sort((a, b) => a - b);

describe("text search on either engine", () => {
  it("finds exactly the postings the FTS5 bigram table finds", { timeout: 120_000 }, async () => {
    const db = await createTestDb();
    await seedDemoData(db, { postings: 1500 });
    const some = await rawRows<{ id: string }>(db, sql`select id as "id" from postings order by id limit ${edgeTitles.length}`);
    for (const [i, { id }] of some.entries()) {
      const [changed] = await db.update(postings).set({ title: edgeTitles[i]! }).where(eq(postings.id, id)).returning({ title: postings.title, description: postings.description });
      // As the application writes a posting: SQLite's FTS5 entry follows (PostgreSQL has none to write).
      await writeSearchText(db, id, postingSearchText(changed!));
    }
    const rows = await postingTexts(db);
    const terms = termsOf(rows.map((r) => `${r.title} ${r.description}`));
    const multi = ["实训 数控", "开发 Java", "软件 护", "岗 软件", "java 工程", "cnc 车", "café", "caf", "钳", "铣", "汽", "软件技术", "数控技术员", "件技术岗"];

    if (isPostgres(db)) {
      // The same rows in an FTS5 table, as SQLite writes it (rowid = the posting's rowid).
      const lite = createSqliteDb(":memory:");
      for (const r of rows) await rawRun(lite, sql`insert into posting_search (rowid, text) values (${r.rowid}, ${postingSearchText(r)})`);
      const fts = new SqlitePostingSource(lite);
      const pg = sourceFor(db);
      const parts = new Set([...terms.han, ...terms.single, ...terms.latin, ...multi, ...edgeTitles.flatMap((t) => t.split(/\s+/))].flatMap((q) => ftsQueryParts(q) ?? []));
      const differing: string[] = [];
      let found = 0;
      for (const part of parts) {
        const [expected, got] = [sorted(await fts.termRowids(part)), sorted(await pg.termRowids(part))];
        if (JSON.stringify(expected) !== JSON.stringify(got)) differing.push(`${part}: FTS5 ${expected.length}, PostgreSQL ${got.length}`);
        if (expected.length) found++;
      }
      expect(differing).toEqual([]);
      expect(found).toBeGreaterThan(parts.size / 2);
    } else {
      // SQLite: the FTS5 table against LIKE over the same text, for Han runs of two characters or more.
      const source = sourceFor(db);
      const differing: string[] = [];
      for (const run of terms.han) {
        const like = (await rawRows<{ rowid: number }>(db, sql`select rowid as "rowid" from postings where title || ' ' || description like ${`%${run}%`}`)).map((r) => r.rowid);
        const fts = await source.termRowids(ftsQueryParts(run)![0]!);
        if (JSON.stringify(sorted(like)) !== JSON.stringify(sorted(fts))) differing.push(`${run}: LIKE ${like.length}, FTS5 ${fts.length}`);
      }
      expect(differing).toEqual([]);
    }
  });
});
