import { TRPCError } from "@trpc/server";
import { and, eq } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/create";
import { notifications, payRecords } from "@/db/schema";
import { recordPay } from "@/server/pay/manage";
import { payDueBy, payFlags, placementMonths, type PayRecordFacts, type PayTerms } from "@/server/pay/flags";
import { todayInChina } from "@/server/schemas/accounts";
import { createContext, FieldError, type SessionUser } from "@/server/trpc";
import { callerFor, cloneDb } from "../helpers/db";
import { buildWorld, type World } from "../helpers/world";

/** Issue 14, item 8: pay actually paid, month by month, and the flags raised to the school and the administrators. */

describe("the flags (boundaries)", () => {
  // Agreed 3,000 a month; the post's wage 3,500, so the 80% floor is 2,800.
  const terms: PayTerms = { monthlyPay: 3000, sameWage: 3500, startDate: "2027-03-01", endDate: "2027-08-31" };
  const record = (over: Partial<PayRecordFacts>): PayRecordFacts => ({ month: "2027-03", amount: 3000, paidOn: "2027-04-10", studentResponse: null, studentNote: null, ...over });
  const kinds = (records: PayRecordFacts[], today = "2027-04-15") => payFlags(terms, records, today).map((f) => f.kind);

  it("the agreed pay passes, one yuan less is below the agreement", () => {
    expect(kinds([record({ amount: 3000 })])).toEqual([]);
    expect(kinds([record({ amount: 2999 })])).toEqual(["belowAgreed"]);
  });

  it("exactly 80% of the post's wage passes the floor, one yuan less fails it (the rule's own message)", () => {
    expect(kinds([record({ amount: 2800 })])).toEqual(["belowAgreed"]);
    const flags = payFlags(terms, [record({ amount: 2799 })], "2027-04-15");
    expect(flags.map((f) => f.kind)).toEqual(["belowAgreed", "belowFloor"]);
    expect(flags[1]!.zh).toBe("2027-03：实习报酬 2,799 元低于同岗位工资 3,500 元的 80%（2,800 元）");
  });

  it("paid by the end of the following month passes, a day later is more than a month late", () => {
    expect(payDueBy("2027-03")).toBe("2027-04-30");
    expect(payDueBy("2027-12")).toBe("2028-01-31");
    expect(kinds([record({ paidOn: "2027-04-30" })], "2027-05-10")).toEqual([]);
    expect(kinds([record({ paidOn: "2027-05-01" })], "2027-05-10")).toEqual(["late"]);
  });

  it("a month still unrecorded is flagged from the day after its due day, computed when read", () => {
    expect(kinds([], "2027-04-30")).toEqual([]);
    expect(payFlags(terms, [], "2027-05-01")).toEqual([expect.objectContaining({ kind: "missing", month: "2027-03", zh: "2027-03 的报酬截至 2027-04-30 仍未登记发放（逾期超过一个月）" })]);
  });

  it("a dispute is a flag", () => {
    expect(kinds([record({ studentResponse: "disputed", studentNote: "少发加班费" })])).toEqual(["disputed"]);
    expect(kinds([record({ studentResponse: "confirmed" })])).toEqual([]);
  });

  it("owes a partly covered month pro rata", () => {
    const half: PayTerms = { ...terms, startDate: "2027-04-16" }; // 15 of April's 30 days: 1,500 owed
    expect(payFlags(half, [record({ month: "2027-04", amount: 1500, paidOn: "2027-05-10" })], "2027-05-15")).toEqual([]);
    expect(payFlags(half, [record({ month: "2027-04", amount: 1499, paidOn: "2027-05-10" })], "2027-05-15").map((f) => f.kind)).toEqual(["belowAgreed"]);
    expect(placementMonths("2027-11-15", "2028-02-10")).toEqual(["2027-11", "2027-12", "2028-01", "2028-02"]);
  });
});

let world: World;
let db: Db;
beforeAll(async () => {
  world = await buildWorld();
}, 60_000);
beforeEach(async () => {
  db = await cloneDb(world.db);
});

const failure = async (call: Promise<unknown>) => {
  const error = await call.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(TRPCError);
  return error as TRPCError;
};
const payNotes = (userId: string) => db.select({ params: notifications.params }).from(notifications).where(and(eq(notifications.userId, userId), eq(notifications.type, "notify.payFlagged")));
const adminId = () => world.ids.admin;

describe("recording and answering", () => {
  it("flags pay below the floor to the school and the administrators, not only on the page", async () => {
    const host = await callerFor(db, world.ids.enterprise);
    const month = todayInChina().slice(0, 7);
    await host.pay.record({ placementId: world.placements.running, month, amount: 2000, paidOn: todayInChina() });
    for (const id of [world.ids.school, adminId()]) {
      expect((await payNotes(id)).map((n) => n.params.problem)).toEqual(
        expect.arrayContaining([expect.stringContaining(`实发 2,000 元，低于约定的 3,000 元`), expect.stringContaining("实习报酬 2,000 元低于同岗位工资 3,500 元的 80%（2,800 元）")]),
      );
    }
    // The student is asked to confirm; the host is not told of its own flags by notification.
    expect(await db.select().from(notifications).where(and(eq(notifications.userId, world.ids.student), eq(notifications.type, "notify.payRecorded")))).toHaveLength(2);
    expect(await payNotes(world.ids.enterprise)).toEqual([]);
    // All three parties see the flags on the placement page.
    for (const id of [world.ids.student, world.ids.school, world.ids.enterprise, adminId()]) {
      const view = await (await callerFor(db, id)).pay.overview({ placementId: world.placements.running });
      expect(view.flags.filter((f) => f.month === month).map((f) => f.kind)).toEqual(["belowAgreed", "belowFloor"]);
    }
  });

  it("records the agreed pay without a flag; a dispute with a note is flagged, once", async () => {
    const student = await callerFor(db, world.ids.student);
    expect(await payNotes(world.ids.school)).toEqual([]);
    expect((await failure(student.pay.respond({ payRecordId: world.payRecordId, response: "disputed", note: "" }))).code).toBe("BAD_REQUEST");
    await student.pay.respond({ payRecordId: world.payRecordId, response: "disputed", note: "少发了加班费" });
    expect((await payNotes(world.ids.school)).map((n) => n.params.problem)).toEqual([expect.stringContaining("学生对")]);
    expect(await payNotes(adminId())).toHaveLength(1);
    expect((await failure(student.pay.respond({ payRecordId: world.payRecordId, response: "confirmed", note: "" }))).code).toBe("CONFLICT");
    const view = await student.pay.overview({ placementId: world.placements.running });
    expect(view.records[0]).toMatchObject({ studentResponse: "disputed", studentNote: "少发了加班费" });
  });

  it("refuses months outside the placement or after today, and payment dates before the month, writing nothing", async () => {
    const host = await callerFor(db, world.ids.enterprise);
    const before = (await db.select().from(payRecords)).length;
    const early = await failure(host.pay.record({ placementId: world.placements.running, month: "2020-01", amount: 3000, paidOn: todayInChina() }));
    expect(early).toBeInstanceOf(FieldError);
    expect(early.message).toBe("errors.payMonthOutside");
    const month = todayInChina().slice(0, 7);
    expect((await failure(host.pay.record({ placementId: world.placements.running, month, amount: 3000, paidOn: "2020-01-01" }))).message).toBe("errors.paidOnBeforeMonth");
    // Not running yet: nothing to pay.
    expect((await failure(host.pay.record({ placementId: world.placements.pending, month, amount: 3000, paidOn: todayInChina() }))).code).toBe("CONFLICT");
    expect(await db.select().from(payRecords)).toHaveLength(before);
  });

  it("checks earlier months when recording: one still unrecorded past its due day is flagged then", async () => {
    const running = (await db.select().from(payRecords).where(eq(payRecords.id, world.payRecordId)).limit(1))[0]!;
    const [y, m] = running.month.split("-").map(Number) as [number, number];
    const plus = (n: number) => {
      const i = y * 12 + m - 1 + n;
      return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}`;
    };
    // Three months on: the month after the recorded one was due by the end of the month after it.
    const host = (await createContext({ db, userId: world.ids.enterprise })).user as SessionUser;
    await recordPay(db, host, { placementId: world.placements.running, month: plus(3), amount: 3000, paidOn: `${plus(3)}-20` }, `${plus(3)}-20`);
    const problems = (await payNotes(world.ids.school)).map((n) => n.params.problem);
    expect(problems).toEqual([expect.stringContaining(`${plus(1)} 的报酬截至 ${payDueBy(plus(1))} 仍未登记发放`)]);
  });

  it("lets only the host record and only the student answer", async () => {
    const month = todayInChina().slice(0, 7);
    for (const id of [world.ids.student, world.ids.school, adminId()]) {
      expect((await failure((await callerFor(db, id)).pay.record({ placementId: world.placements.running, month, amount: 3000, paidOn: todayInChina() }))).code).toBe("FORBIDDEN");
    }
    expect((await failure((await callerFor(db, world.ids.enterprise)).pay.respond({ payRecordId: world.payRecordId, response: "confirmed", note: "" }))).code).toBe("FORBIDDEN");
    expect((await failure((await callerFor(db, world.ids.otherSchool)).pay.overview({ placementId: world.placements.running }))).code).toBe("NOT_FOUND");
  });
});
