import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { organisations, postings, studentProfiles } from "@/db/schema";
import { seedDemoData } from "@/scripts/seed/seed";
import { createTestDb } from "../helpers/db";

describe("demo data", () => {
  it("is deterministic and meets the size the product promises", async () => {
    const a = createTestDb();
    const b = createTestDb();
    await seedDemoData(a);
    await seedDemoData(b);
    const names = (db: typeof a) => db.select({ name: organisations.name, uscc: organisations.uscc }).from(organisations).orderBy(organisations.name).all();
    expect(names(a)).toEqual(names(b));
    expect(a.select({ n: count() }).from(organisations).where(eq(organisations.kind, "school")).get()!.n).toBeGreaterThanOrEqual(30);
    expect(a.select({ n: count() }).from(organisations).where(eq(organisations.kind, "enterprise")).get()!.n).toBeGreaterThanOrEqual(200);
    expect(a.select({ n: count() }).from(studentProfiles).get()!.n).toBeGreaterThanOrEqual(2000);
    expect(a.select({ n: count() }).from(postings).where(eq(postings.status, "published")).get()!.n).toBeGreaterThan(500);
    const titles = (db: typeof a) => db.select({ t: postings.title }).from(postings).orderBy(postings.title).limit(50).all();
    expect(titles(a)).toEqual(titles(b));
  });
});
