import { eq, inArray, sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/create";
import { postings } from "@/db/schema";
import { seedDemoData } from "@/scripts/seed/seed";
import { PostingIndex, postingIndexFor, type SearchFilters, type SortOrder } from "@/server/search/posting-index";
import { createTestDb } from "../helpers/db";

const probes: { filters: SearchFilters; sort: SortOrder }[] = [
  { filters: {}, sort: "newest" },
  { filters: {}, sort: "pay" },
  { filters: { regionCode: "440000" }, sort: "newest" },
  { filters: { query: "实习" }, sort: "newest" },
  { filters: { kinds: ["placement_internship"] }, sort: "pay" },
];

async function answers(index: PostingIndex, db: Db) {
  const out = [];
  for (const probe of probes) {
    const found = await index.search(db, { ...probe, now: Date.now(), limit: 50 });
    out.push({ total: found.total, rowids: found.hits.map((h) => h.rowid), facets: found.facets });
  }
  return out;
}

describe("index compaction", () => {
  const { compactFrom } = PostingIndex;
  afterEach(() => {
    PostingIndex.compactFrom = compactFrom;
  });

  it("rebuilds the index in the background once changes pass a tenth of it, and swaps the rebuilt one in", { timeout: 120_000 }, async () => {
    const db = await createTestDb();
    await seedDemoData(db, { postings: 400 });
    PostingIndex.compactFrom = 0;
    const first = await postingIndexFor(db);
    expect(first.needsCompaction()).toBe(false);

    // Edit a few postings: still under a tenth, nothing happens.
    const published = await db.select({ id: postings.id }).from(postings).where(eq(postings.status, "published"));
    const few = published.slice(0, Math.floor(first.count * 0.05)).map((p) => p.id);
    await db.update(postings).set({ title: sql`${postings.title} || '（修订）'` }).where(inArray(postings.id, few));
    expect(await postingIndexFor(db)).toBe(first);
    expect(first.compaction).toBeNull();

    // Past a tenth (edits and closures): the next query starts a rebuild and is answered by the index in use.
    const more = published.slice(few.length, few.length + Math.ceil(first.count * 0.08)).map((p) => p.id);
    await db.update(postings).set({ title: sql`${postings.title} || '（再修订）'` }).where(inArray(postings.id, more.slice(0, more.length / 2)));
    await db.update(postings).set({ status: "closed" }).where(inArray(postings.id, more.slice(more.length / 2)));
    const during = await postingIndexFor(db);
    expect(during).toBe(first);
    expect(first.needsCompaction()).toBe(true);
    expect(first.compaction).not.toBeNull();
    expect((await answers(during, db))[0]!.total).toBeGreaterThan(0);

    await first.compaction;
    const rebuilt = await postingIndexFor(db);
    expect(rebuilt).not.toBe(first);
    expect(rebuilt.needsCompaction()).toBe(false);
    expect(await answers(rebuilt, db)).toEqual(await answers(await PostingIndex.load(db), db));

    // The rebuilt index follows later writes; the retired one no longer reads the feed.
    await db.update(postings).set({ status: "closed" }).where(eq(postings.id, published.at(-1)!.id));
    expect(await answers(await postingIndexFor(db), db)).toEqual(await answers(await PostingIndex.load(db), db));
  });
});
