import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { postings } from "@/db/schema";
import { approvePosting, closePosting } from "@/server/postings/manage";
import { callerFor, createTestDb } from "../helpers/db";
import { createAdmin, createEnterprise, placementInput } from "../helpers/factories";

afterEach(() => {
  vi.useRealTimers();
});

describe("the search index and writes in the same millisecond", () => {
  it("sees a posting closed in the same millisecond it was last written and searched", async () => {
    const db = await createTestDb();
    const admin = await createAdmin(db);
    const host = await createEnterprise(db, { staffCount: 300 });
    const owner = await callerFor(db, host.userId);
    const anonymous = await callerFor(db);
    const title = "同一毫秒关闭的岗位实习";
    const { id } = await owner.postings.create({ organisationId: host.organisationId, posting: { ...placementInput({ title, quantity: 1 }), postId: host.postId }, submit: true });

    // Every write below gets the same updated_at from the application's clock.
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 60_000 });
    await approvePosting(db, id, admin.id);
    expect((await anonymous.search.postings({ query: title })).items.map((i) => i.id)).toEqual([id]);
    await closePosting(db, host.organisationId, id);
    // The row changed after the index last read it: the search must not list a closed posting.
    expect((await anonymous.search.postings({ query: title })).items.map((i) => i.id)).toEqual([]);
    const { updatedAt } = (await db.select({ updatedAt: postings.updatedAt }).from(postings).where(eq(postings.id, id)))[0]!;
    expect(updatedAt.getTime()).toBeGreaterThan(Date.now());
  });
});
