import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { organisations, postings, studentProfiles } from "@/db/schema";
import { seedDemoData } from "@/scripts/seed/seed";
import { createTestDb } from "../helpers/db";

describe("demo data", () => {
  it("is deterministic and meets the size the product promises", async () => {
    const a = await createTestDb();
    const b = await createTestDb();
    await seedDemoData(a);
    await seedDemoData(b);
    // uscc breaks ties between same-named organisations, so that the order is the same on every engine.
    const names = (db: typeof a) => db.select({ name: organisations.name, uscc: organisations.uscc }).from(organisations).orderBy(organisations.name, organisations.uscc);
    expect(await names(a)).toEqual(await names(b));
    const countOf = async (query: Promise<{ n: number }[]>) => (await query)[0]!.n;
    expect(await countOf(a.select({ n: count() }).from(organisations).where(eq(organisations.kind, "school")))).toBeGreaterThanOrEqual(30);
    expect(await countOf(a.select({ n: count() }).from(organisations).where(eq(organisations.kind, "enterprise")))).toBeGreaterThanOrEqual(200);
    expect(await countOf(a.select({ n: count() }).from(studentProfiles))).toBeGreaterThanOrEqual(2000);
    expect(await countOf(a.select({ n: count() }).from(postings).where(eq(postings.status, "published")))).toBeGreaterThan(500);
    const titles = (db: typeof a) => db.select({ t: postings.title }).from(postings).orderBy(postings.title).limit(50);
    expect(await titles(a)).toEqual(await titles(b));
  });
});
