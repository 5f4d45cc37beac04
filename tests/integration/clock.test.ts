import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/create";
import { invitations, notifications, placements, postings } from "@/db/schema";
import { replyDueOn } from "@/server/complaints/deadline";
import { payDueBy } from "@/server/pay/flags";
import { displayStatus } from "@/server/postings/manage";
import { todayInChina } from "@/server/schemas/accounts";
import { ComplianceError } from "@/server/trpc";
import { callerFor, cloneDb } from "../helpers/db";
import { addDays, addMonths, birthDateTurning, firstYearIntake, mondayOf, monthEnd, monthOf, monthStart, pastFirstYearIntake, resetClock, setClock, today } from "../helpers/dates";
import { createStudent, placementInput } from "../helpers/factories";
import { buildWorld, type World } from "../helpers/world";
import { refusal as failure, rulesRefusing } from "../helpers/refusals";

/**
 * The suite's date-sensitive fixtures and flows, run on the real today and again with the clock moved: two
 * years ahead, to a leap day, and to 16:30 UTC on 31 December, which is already 1 January in China. Each
 * moment must give the same outcomes; the fixtures take their dates from the test's today
 * (tests/helpers/dates.ts), and the server reads the same clock (todayInChina(), new Date()).
 */
const realToday = todayInChina();
const year = Number(realToday.slice(0, 4));
const moments = [
  { name: "today", at: null, today: realToday },
  { name: "two years ahead", at: `${addMonths(realToday, 24)}T10:00:00+08:00`, today: addMonths(realToday, 24) },
  { name: "a leap day (2028-02-29)", at: "2028-02-29T10:00:00+08:00", today: "2028-02-29" },
  { name: "16:30 UTC on 31 December, already 1 January in China", at: `${year}-12-31T16:30:00Z`, today: `${year + 1}-01-01` },
];

/** A time of day in China, as an instant (China's midnight is 16:00 UTC the day before). */
const chinaTime = (day: string, time: string) => `${day}T${time}+08:00`;

describe.each(moments)("at $name", (moment) => {
  let world: World;
  let db: Db;
  /** Back to the moment's clock after a test moved it on. */
  const atMoment = () => (moment.at ? setClock(moment.at) : resetClock());

  beforeAll(async () => {
    atMoment();
    world = await buildWorld();
  }, 60_000);
  afterAll(() => resetClock());
  beforeEach(async () => {
    atMoment();
    db = await cloneDb(world.db);
  });

  const student = async (overrides: Parameters<typeof createStudent>[2] = {}) => {
    const [invitation] = await db.select({ code: invitations.code }).from(invitations).where(eq(invitations.organisationId, world.school.organisationId)).limit(1);
    const created = await createStudent(db, invitation!.code, overrides);
    return { ...created, caller: await callerFor(db, created.userId) };
  };
  const placementRow = async (id: string) => (await db.select().from(placements).where(eq(placements.id, id)).limit(1))[0]!;

  it("reads the moment's day in China, and the fixture's dates follow it", async () => {
    expect(todayInChina()).toBe(moment.today);
    expect(today()).toBe(moment.today);
    const open = (await db.select().from(postings).where(eq(postings.id, world.postings.open.id)).limit(1))[0]!;
    expect([open.startDate, open.endDate]).toEqual([monthStart(4), monthEnd(5)]);
    expect(open.applyBy > moment.today).toBe(true);
  });

  it("builds the world: its postings open and found, its placements in their states", async () => {
    const open = (await db.select().from(postings).where(eq(postings.id, world.postings.open.id)).limit(1))[0]!;
    expect(displayStatus(open.status, open.applyBy)).toBe("published");
    const found = await (await callerFor(db)).search.postings({ sort: "newest", limit: 50 });
    expect(found.items.map((i) => i.id)).toContain(world.postings.open.id);
    const p = world.placements;
    const statuses: string[] = [];
    for (const id of [p.pending, p.ready, p.active, p.completed, p.running]) statuses.push((await placementRow(id)).status);
    expect(statuses).toEqual(["pending_approval", "approved", "active", "completed", "active"]);
    expect((await placementRow(p.running)).startDate).toBe(monthStart(-1));
  });

  it("takes applications up to the end of the apply-by day in China, and none after", async () => {
    const applyBy = world.postings.open.input.applyBy;
    // Signed up now: the school's invitation lasts 30 days.
    const [early, last, late] = [await student(), await student(), await student()];
    await early.caller.applications.submit({ postingId: world.postings.open.id, coverNote: "" });
    setClock(chinaTime(applyBy, "23:59:00"));
    await last.caller.applications.submit({ postingId: world.postings.open.id, coverNote: "" });
    // 16:00 UTC on the apply-by day: UTC still says that day, China is on the next.
    setClock(`${applyBy}T16:00:00Z`);
    expect(await rulesRefusing(late.caller.applications.submit({ postingId: world.postings.open.id, coverNote: "" }))).toEqual(["applyByPassed"]);
  });

  it("accepts the offer made, and the placement waits for the school", async () => {
    const { placementId } = await (await callerFor(db, world.ids.student)).applications.respond({ applicationId: world.offeredApplication, accept: true });
    expect(await placementRow(placementId!)).toMatchObject({ status: "pending_approval", startDate: monthStart(10), endDate: monthEnd(11) });
  });

  it("starts a placement on its first day in China, not the day before; logs its first week, not the next", async () => {
    const { startDate } = await placementRow(world.placements.ready);
    expect(startDate).toBe(monthStart(6));
    const host = await callerFor(db, world.ids.enterprise);
    setClock(chinaTime(addDays(startDate, -1), "23:59:00"));
    expect(await rulesRefusing(host.placements.start({ placementId: world.placements.ready }))).toEqual(["placementStartDate"]);
    setClock(chinaTime(startDate, "00:01:00"));
    await host.placements.start({ placementId: world.placements.ready });
    expect((await placementRow(world.placements.ready)).status).toBe("active");
    const studentApi = await callerFor(db, world.ids.student);
    expect((await studentApi.placements.writeLog({ placementId: world.placements.ready, weekStart: startDate, content: "第一周熟悉了开发环境与代码规范。" })).weekStart).toBe(mondayOf(startDate));
    const next = await failure(studentApi.placements.writeLog({ placementId: world.placements.ready, weekStart: addDays(mondayOf(startDate), 7), content: "下周计划完成接口开发与单元测试。" }));
    expect((next as ComplianceError).violations[0]!.zh).toContain("尚未开始");
  });

  it("needs the school's reason for a placement over six months, not for six months exactly", async () => {
    const host = await callerFor(db, world.ids.enterprise);
    const admin = await callerFor(db, world.ids.admin);
    const school = await callerFor(db, world.ids.school);
    const placed = async (endDate: string) => {
      const { id: postingId } = await host.postings.create({ organisationId: world.enterprise.organisationId, posting: placementInput({ postId: world.enterprise.postId, quantity: 1, startDate: monthStart(4), endDate }), submit: true });
      await admin.postings.approve({ postingId });
      const s = await student();
      const { id: applicationId } = await s.caller.applications.submit({ postingId, coverNote: "" });
      await host.applications.move({ organisationId: world.enterprise.organisationId, applicationId, move: { action: "offer", offerStartDate: monthStart(4), offerNote: "" } });
      return (await s.caller.applications.respond({ applicationId, accept: true })).placementId!;
    };
    const longer = await placed(monthStart(10));
    expect(await rulesRefusing(school.placements.approve({ placementId: longer, schoolTutorId: world.ids.school }))).toEqual(["longPlacementReason"]);
    const six = await placed(monthEnd(9));
    await school.placements.approve({ placementId: six, schoolTutorId: world.ids.school });
    expect((await placementRow(six)).status).toBe("approved");
  });

  it("refuses a first-year student and one under 16 on the first day, and takes one who turns 16 that day", async () => {
    const postingId = world.postings.open.id;
    const start = world.postings.open.input.startDate;
    const firstYear = await student({ enrolmentYear: firstYearIntake(start), birthDate: birthDateTurning(18, start) });
    expect(await rulesRefusing(firstYear.caller.applications.submit({ postingId, coverNote: "" }))).toEqual(["firstYearStudent"]);
    const young = await student({ enrolmentYear: pastFirstYearIntake(start), birthDate: addDays(birthDateTurning(16, start), 1) });
    expect(await rulesRefusing(young.caller.applications.submit({ postingId, coverNote: "" }))).toEqual(["minimumAge"]);
    const sixteen = await student({ enrolmentYear: pastFirstYearIntake(start), birthDate: birthDateTurning(16, start) });
    await sixteen.caller.applications.submit({ postingId, coverNote: "" });
  });

  it("gives a complaint five working days for a reply, told in the notification, and marks it overdue the day after", async () => {
    const due = replyDueOn(moment.today);
    const notice = (await db.select({ params: notifications.params }).from(notifications).where(and(eq(notifications.userId, world.ids.school), eq(notifications.type, "notify.complaintFiled"))).limit(1))[0]!;
    expect(notice.params.date).toBe(due);
    const school = await callerFor(db, world.ids.school);
    const overdue = async () => (await school.complaints.forSchool({ organisationId: world.school.organisationId })).map((c) => [c.replyDueOn, c.overdue]);
    expect(await overdue()).toEqual([[due, false]]);
    setClock(chinaTime(due, "23:59:00"));
    expect(await overdue()).toEqual([[due, false]]);
    setClock(chinaTime(addDays(due, 1), "00:01:00"));
    expect(await overdue()).toEqual([[due, true]]);
  });

  it("flags a month's pay as missing from the day after its due day, and says so to the school with the date", async () => {
    const [thisMonth, nextMonth] = [monthOf(0), monthOf(1)];
    const host = await callerFor(db, world.ids.enterprise);
    const flags = async () => (await host.pay.overview({ placementId: world.placements.running })).flags.map((f) => [f.month, f.kind]);
    // Last month's pay was recorded on its 28th: due by the end of this month, so not late.
    expect(await flags()).toEqual([]);
    setClock(chinaTime(payDueBy(thisMonth), "23:59:00"));
    expect(await flags()).toEqual([]);
    const dayAfter = addDays(payDueBy(thisMonth), 1);
    setClock(chinaTime(dayAfter, "00:01:00"));
    expect(await flags()).toEqual([[thisMonth, "missing"]]);
    // Recording next month's pay now checks the months before it: this month is reported to the school.
    await host.pay.record({ placementId: world.placements.running, month: nextMonth, amount: 3000, paidOn: dayAfter });
    const problems = (await db.select({ params: notifications.params }).from(notifications).where(and(eq(notifications.userId, world.ids.school), eq(notifications.type, "notify.payFlagged")))).map((n) => n.params.problem);
    expect(problems).toEqual([expect.stringContaining(`${thisMonth} 的报酬截至 ${payDueBy(thisMonth)} 仍未登记发放`)]);
    // Paid a day after its due day: late.
    await host.pay.record({ placementId: world.placements.running, month: thisMonth, amount: 3000, paidOn: dayAfter });
    expect(await flags()).toEqual([[thisMonth, "late"]]);
  });
});
