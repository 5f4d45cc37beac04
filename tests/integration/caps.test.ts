import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/create";
import { hostPosts, organisations, postings } from "@/db/schema";
import { countCaps, type SeatRow } from "@/server/compliance/caps";
import { ComplianceError, FieldError } from "@/server/trpc";
import { callerFor, createTestDb } from "../helpers/db";
import { createAdmin, createEnterprise, createInvitationFor, createSchool, createStudent, placementInput } from "../helpers/factories";
import { monthStart } from "../helpers/dates";

/**
 * Issue 14, item 5: the host's 10% and the post's 20% caps count placed and accepted interns plus every
 * open seat, across all postings of a post and all postings of the host, at publishing, applying and
 * accepting alike.
 */
let db: Db;
let code: string;
let admin: Awaited<ReturnType<typeof createAdmin>>;

beforeEach(async () => {
  db = await createTestDb();
  admin = await createAdmin(db);
  code = (await createInvitationFor(db, await createSchool(db), { maxUses: 100 })).code;
});

async function failure(call: Promise<unknown>) {
  const error = await call.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(TRPCError);
  return error as TRPCError;
}
async function violations(call: Promise<unknown>) {
  const error = await failure(call);
  expect(error).toBeInstanceOf(ComplianceError);
  return (error as ComplianceError).violations.map((v) => ({ rule: v.rule, zh: v.zh }));
}

async function host(staffCount: number) {
  const enterprise = await createEnterprise(db, { staffCount });
  const owner = await callerFor(db, enterprise.userId);
  const declare = async (name: string, staff: number) => (await owner.posts.create({ organisationId: enterprise.organisationId, name, staffCount: staff })).id;
  const write = (postId: string, quantity: number) => owner.postings.create({ organisationId: enterprise.organisationId, posting: placementInput({ postId, quantity }), submit: true });
  const publish = async (postId: string, quantity: number) => {
    const { id } = await write(postId, quantity);
    await (await callerFor(db, admin.id)).postings.approve({ postingId: id });
    return id;
  };
  /** A new student applies, is offered a seat and (unless told otherwise) accepts. */
  const offer = async (postingId: string) => {
    const student = await createStudent(db, code);
    const caller = await callerFor(db, student.userId);
    const { id } = await caller.applications.submit({ postingId, coverNote: "" });
    await owner.applications.move({ organisationId: enterprise.organisationId, applicationId: id, move: { action: "offer", offerStartDate: monthStart(4), offerNote: "" } });
    return { accept: () => caller.applications.respond({ applicationId: id, accept: true }) };
  };
  return { ...enterprise, owner, declare, write, publish, offer };
}

describe("publishing", () => {
  it("counts one post across all its postings: a post of 50 staff (cap 10) split into two postings of 6 fails on the second", async () => {
    const h = await host(1000);
    const post = await h.declare("装配工", 50);
    await h.publish(post, 6);
    expect(await violations(h.write(post, 6))).toEqual([{ rule: "postInternCap", zh: "同一岗位实习学生 12 人超过该岗位职工 50 人的 20%（最多 10 人）" }]);
    // Boundary: 6 + 5 = 11 fails, 6 + 4 = 10 (exactly 20%) passes.
    expect((await violations(h.write(post, 5))).map((v) => v.rule)).toEqual(["postInternCap"]);
    await expect(h.write(post, 4)).resolves.toHaveProperty("id");
    // Another post of the same host has its own cap.
    await expect(h.write(await h.declare("质检员", 50), 10)).resolves.toHaveProperty("id");
  });

  it("counts interns already placed at the host: 100 staff with 8 placed cannot publish 3 more seats, 2 pass", async () => {
    const h = await host(100);
    const post = h.postId;
    const first = await h.publish(post, 8);
    for (let i = 0; i < 8; i++) await (await h.offer(first)).accept();
    await h.owner.postings.close({ organisationId: h.organisationId, postingId: first });
    expect(await violations(h.write(post, 3))).toEqual([{ rule: "hostInternCap", zh: "实习学生 11 人超过单位职工总数 100 人的 10%（最多 10 人）" }]);
    await expect(h.write(post, 2)).resolves.toHaveProperty("id");
  });

  it("does not count a posting's own filled seats twice when it is written again", async () => {
    const h = await host(100);
    // 10 seats at a host of 100 staff is exactly its cap; two of them taken leaves the count at 10.
    const id = await h.publish(h.postId, 10);
    for (let i = 0; i < 2; i++) await (await h.offer(id)).accept();
    const other = await h.write(h.postId, 1).then(() => null, (e: unknown) => e);
    expect((other as ComplianceError).violations.map((v) => v.rule)).toEqual(["hostInternCap"]);
  });

  it("requires a placement internship to name one of the host's own declared posts", async () => {
    const h = await host(200);
    const stranger = await host(200);
    const missing = await failure(h.owner.postings.create({ organisationId: h.organisationId, posting: placementInput(), submit: false }));
    expect(missing).toBeInstanceOf(FieldError);
    expect(missing.message).toBe("errors.postRequired");
    const foreign = await failure(h.write(stranger.postId, 1));
    expect(foreign.message).toBe("errors.postUnknown");
    expect(await db.select().from(postings)).toHaveLength(0);
  });
});

describe("applying and accepting", () => {
  it("counts another posting's open seats at acceptance (host cap), exactly at the cap passes", async () => {
    const h = await host(100);
    const a = await h.publish(h.postId, 5);
    await h.publish(h.postId, 5);
    const offered = await h.offer(a);
    // Staff corrected to 90 (cap 9): 5 seats here and 5 open on the other posting make 10.
    await db.update(organisations).set({ staffCount: 90 }).where(eq(organisations.id, h.organisationId));
    expect(await violations(offered.accept())).toEqual([{ rule: "hostInternCap", zh: "实习学生 10 人超过单位职工总数 90 人的 10%（最多 9 人）" }]);
    await db.update(organisations).set({ staffCount: 100 }).where(eq(organisations.id, h.organisationId));
    await expect(offered.accept()).resolves.toHaveProperty("placementId");
  });

  it("counts the post's other postings at acceptance (post cap), exactly at the cap passes", async () => {
    const h = await host(1000);
    const post = await h.declare("焊工", 25);
    const a = await h.publish(post, 3);
    await h.publish(post, 2);
    const offered = await h.offer(a);
    await db.update(hostPosts).set({ staffCount: 20 }).where(eq(hostPosts.id, post));
    expect(await violations(offered.accept())).toEqual([{ rule: "postInternCap", zh: "同一岗位实习学生 5 人超过该岗位职工 20 人的 20%（最多 4 人）" }]);
    await db.update(hostPosts).set({ staffCount: 25 }).where(eq(hostPosts.id, post));
    await expect(offered.accept()).resolves.toHaveProperty("placementId");
  });

  it("counts placed interns and other open seats when a student applies", async () => {
    const h = await host(100);
    const a = await h.publish(h.postId, 4);
    await h.publish(h.postId, 6);
    await db.update(organisations).set({ staffCount: 99 }).where(eq(organisations.id, h.organisationId));
    const student = await createStudent(db, code);
    expect(await violations((await callerFor(db, student.userId)).applications.submit({ postingId: a, coverNote: "" }))).toEqual([
      { rule: "hostInternCap", zh: "实习学生 10 人超过单位职工总数 99 人的 10%（最多 9 人）" },
    ]);
  });
});

describe("declared posts", () => {
  it("lists each post with its staff, cap and interns counted, and keeps a post that postings name", async () => {
    const h = await host(1000);
    const post = await h.declare("装配工", 50);
    const id = await h.publish(post, 6);
    await (await h.offer(id)).accept();
    const listed = await h.owner.posts.list({ organisationId: h.organisationId });
    expect(listed.find((p) => p.id === post)).toMatchObject({ name: "装配工", staffCount: 50, cap: 10, interns: 6, postings: 1 });
    expect((await failure(h.owner.posts.remove({ organisationId: h.organisationId, postId: post }))).code).toBe("CONFLICT");
    expect((await failure(h.owner.posts.create({ organisationId: h.organisationId, name: "装配工", staffCount: 5 }))).code).toBe("CONFLICT");
    const stranger = await host(100);
    expect((await failure(stranger.owner.posts.update({ organisationId: stranger.organisationId, postId: post, name: "改名", staffCount: 1 }))).code).toBe("NOT_FOUND");
    expect((await db.select({ name: hostPosts.name }).from(hostPosts).where(eq(hostPosts.id, post)).limit(1))[0]!.name).toBe("装配工");
  });
});

describe("the count itself (pure)", () => {
  const row = (over: Partial<SeatRow>): SeatRow => ({ postingId: "a", postId: "p", quantity: 5, open: true, held: 0, ...over });
  const post = { id: "p", staff: 50 };

  it("counts an open posting's seats, its placements once they outnumber them, and a closed one's placements only", () => {
    const rows = [row({ postingId: "a", quantity: 5, held: 2 }), row({ postingId: "b", quantity: 3, held: 4 }), row({ postingId: "c", open: false, quantity: 9, held: 1 })];
    expect(countCaps(rows, { kind: "write", postingId: null, postId: "q", quantity: 2 }, 100, { id: "q", staff: 10 })).toEqual({ hostInterns: 5 + 4 + 1 + 2, hostStaff: 100, postInterns: 2, postStaff: 10 });
  });

  it("a student taking a seat of an open posting fills one of its seats; of a closed one, adds an intern", () => {
    const rows = [row({ postingId: "a", quantity: 5, held: 2 }), row({ postingId: "c", open: false, quantity: 9, held: 1 })];
    expect(countCaps(rows, { kind: "take", postingId: "a", postId: "p" }, 100, post).hostInterns).toBe(6);
    expect(countCaps(rows, { kind: "take", postingId: "c", postId: "p" }, 100, post).hostInterns).toBe(7);
  });

  it("rewriting a posting replaces what it counted (its placements stay)", () => {
    const rows = [row({ postingId: "a", quantity: 5, held: 4 }), row({ postingId: "b", postId: "other", quantity: 3 })];
    expect(countCaps(rows, { kind: "write", postingId: "a", postId: "p", quantity: 2 }, 100, post)).toMatchObject({ hostInterns: 4 + 3, postInterns: 4 });
  });
});
