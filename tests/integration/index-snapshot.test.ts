import { eq, sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Db } from "@/db/create";
import { configuredEngine } from "@/db/engine";
import { postings, searchIndexSnapshots } from "@/db/schema";
import { rawRows } from "@/db/sql";
import { seedDemoData } from "@/scripts/seed/seed";
import { approvePosting } from "@/server/postings/manage";
import { loadWithSnapshots, restoreSnapshot, snapshotPolicy, writeSnapshot } from "@/server/search/index-snapshot";
import { PostingIndex, type SearchFilters, type SortOrder } from "@/server/search/posting-index";
import { callerFor, createTestDb } from "../helpers/db";
import { createAdmin, createEnterprise, placementInput } from "../helpers/factories";

// Snapshots are PostgreSQL's (several instances start from one); SQLite's one process reads its own file.
const onPostgres = configuredEngine() === "postgres";

/** Searches that touch every part of the index: filters by each list, text, sorts, pages and facets. */
const probes: { filters: SearchFilters; sort: SortOrder }[] = [
  { filters: {}, sort: "newest" },
  { filters: {}, sort: "pay" },
  { filters: { regionCode: "440000" }, sort: "newest" },
  { filters: { regionCode: "440100" }, sort: "pay" },
  { filters: { kinds: ["placement_internship", "apprenticeship"] }, sort: "newest" },
  { filters: { query: "实习" }, sort: "newest" },
  { filters: { query: "软件技术" }, sort: "newest" },
  { filters: { specialtyCode: "510201" }, sort: "newest" },
  { filters: { industryCode: "I65" }, sort: "newest" },
  { filters: { minSeats: 5 }, sort: "newest" },
];

async function answers(index: PostingIndex, db: Db) {
  const now = Date.now();
  const out = [];
  for (const probe of probes) {
    const found = await index.search(db, { ...probe, now, limit: 30 });
    out.push({ total: found.total, rowids: found.hits.map((h) => h.rowid), facets: found.facets });
  }
  return out;
}

/** A snapshot's fields and bytes, to compare two indexes field by field. */
async function contents(index: PostingIndex) {
  const snapshot = await index.snapshot();
  return { fields: snapshot.fields, bytes: Buffer.concat(snapshot.parts).toString("base64") };
}

describe.skipIf(!onPostgres)("search index snapshots (PostgreSQL)", () => {
  const policy = { ...snapshotPolicy };
  beforeEach(() => {
    snapshotPolicy.minPostings = 0;
    snapshotPolicy.partBytes = 4096; // several parts even for a small index
  });
  afterEach(() => {
    Object.assign(snapshotPolicy, policy);
  });

  it("restores an index that answers and holds exactly what the loaded one does", { timeout: 120_000 }, async () => {
    const db = await createTestDb();
    await seedDemoData(db, { postings: 800 });
    const loaded = await PostingIndex.load(db);
    expect(await writeSnapshot(db, loaded)).not.toBeNull();
    const stored = await rawRows<{ parts: number }>(db, sql`select count(*) as "parts" from search_index_snapshots`);
    expect(stored[0]!.parts).toBeGreaterThan(1);

    const restored = await restoreSnapshot(db, PostingIndex);
    expect(restored).not.toBeNull();
    expect(restored!.count).toBe(loaded.count);
    expect(await answers(restored!, db)).toEqual(await answers(loaded, db));
    expect(await contents(restored!)).toEqual(await contents(loaded));
  });

  it("brings a restored index up to date from the change feed: postings approved and closed after the snapshot", { timeout: 60_000 }, async () => {
    const db = await createTestDb();
    await seedDemoData(db, { postings: 300 });
    const admin = await createAdmin(db);
    const host = await createEnterprise(db, { staffCount: 1000 });
    const owner = await callerFor(db, host.userId);
    const { id: later } = await owner.postings.create({ organisationId: host.organisationId, posting: { ...placementInput({ title: "快照之后的岗位", quantity: 2 }), postId: host.postId }, submit: true });
    const loaded = await PostingIndex.load(db);
    expect(await writeSnapshot(db, loaded)).not.toBeNull();

    // After the snapshot: one posting approved, one closed.
    await approvePosting(db, later, admin.id);
    const [closed] = await db.select({ id: postings.id, rowid: sql<number>`rowid` }).from(postings).where(eq(postings.status, "published")).limit(1);
    await db.update(postings).set({ status: "closed" }).where(eq(postings.id, closed!.id));

    const restored = (await restoreSnapshot(db, PostingIndex))!;
    const fresh = await PostingIndex.load(db);
    const found = await restored.search(db, { filters: { organisationId: host.organisationId }, sort: "newest", now: Date.now(), limit: 10 });
    expect(found.total).toBe(1);
    const all = await restored.search(db, { filters: {}, sort: "newest", now: Date.now(), limit: 2000 });
    expect(all.hits.map((h) => h.rowid)).not.toContain(closed!.rowid);
    expect(await answers(restored, db)).toEqual(await answers(fresh, db));
  });

  it("loads from the postings when the newest snapshot is too old for the change feed to cover", async () => {
    const db = await createTestDb();
    await seedDemoData(db, { postings: 100 });
    const loaded = await PostingIndex.load(db);
    await writeSnapshot(db, loaded);
    expect(await restoreSnapshot(db, PostingIndex)).not.toBeNull();
    await db.update(searchIndexSnapshots).set({ createdAt: new Date(Date.now() - snapshotPolicy.maxAgeMs - 60_000) });
    expect(await restoreSnapshot(db, PostingIndex)).toBeNull();
  });

  it("loads from the postings, saying why, when a snapshot was written by an index of another shape", async () => {
    const db = await createTestDb();
    await seedDemoData(db, { postings: 100 });
    const loaded = await PostingIndex.load(db);
    await writeSnapshot(db, loaded);
    const [first] = await db.select({ header: searchIndexSnapshots.header }).from(searchIndexSnapshots).where(eq(searchIndexSnapshots.part, 0));
    const header = JSON.parse(first!.header!) as { fields: unknown[] };
    header.fields.push({ name: "fieldOfAnOlderIndex", kind: "value", value: 1 });
    await db.update(searchIndexSnapshots).set({ header: JSON.stringify(header) }).where(eq(searchIndexSnapshots.part, 0));

    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const index = await loadWithSnapshots(db, PostingIndex);
    expect(errors.mock.calls.map((c) => String(c[0]))).toEqual(["search index: the snapshot could not be restored, loading from the postings instead:"]);
    errors.mockClear();
    expect(await answers(index, db)).toEqual(await answers(loaded, db));
  });

  it("lets one writer at a time write, and keeps only the newest snapshot", async () => {
    const db = await createTestDb();
    await seedDemoData(db, { postings: 100 });
    const loaded = await PostingIndex.load(db);
    const written = await Promise.all([writeSnapshot(db, loaded), writeSnapshot(db, loaded), writeSnapshot(db, loaded)]);
    const ids = await rawRows<{ id: string }>(db, sql`select distinct snapshot_id as "id" from search_index_snapshots`);
    expect(ids).toHaveLength(1);
    expect(written).toContain(ids[0]!.id);
  });
});
