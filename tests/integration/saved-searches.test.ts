import type { AddressInfo } from "node:net";
import { and, eq } from "drizzle-orm";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as unsubscribePage, POST as unsubscribe } from "@/app/api/unsubscribe/route";
import type { Db } from "@/db/create";
import { mailOutbox, notifications, savedSearches } from "@/db/schema";
import { savedSearchAlertsJob } from "@/server/alerts/job";
import { runSavedSearchAlerts, settleMs } from "@/server/alerts/run";
import { runJobOnce } from "@/server/jobs/periodic";
import { unsubscribeToken } from "@/server/mail/links";
import { approvePosting, createPosting } from "@/server/postings/manage";
import { postingInput } from "@/server/schemas/postings";
import { callerFor, createTestDb } from "../helpers/db";
import { resetClock, setClock } from "../helpers/dates";
import { createAdmin, createEnterprise, createInvitationFor, createSchool, createStudent, placementInput } from "../helpers/factories";

// The unsubscribe tokens are signed with AUTH_SECRET, read once by server/env.ts: set before anything reads it.
vi.hoisted(() => {
  process.env.AUTH_SECRET = "saved-search-test-secret-0123456789abcdef";
});

// The route handler reads the process-wide database (server/db.ts): point it at this file's.
const globalForDb = globalThis as unknown as { edubridgeDb?: Db };

let db: Db;
let adminId: string;
let host: Awaited<ReturnType<typeof createEnterprise>>;
let student: { userId: string };
let otherStudent: { userId: string };
let invitationCode: string;
let previousDb: Db | undefined;

beforeAll(async () => {
  db = await createTestDb();
  previousDb = globalForDb.edubridgeDb;
  globalForDb.edubridgeDb = db;
  adminId = (await createAdmin(db)).id;
  // Large enough that the interns caps never bind on the handful of one-seat postings published here.
  host = await createEnterprise(db, { staffCount: 5000 });
  const school = await createSchool(db);
  invitationCode = (await createInvitationFor(db, school)).code;
  student = await createStudent(db, invitationCode, { name: "陈小明" });
  otherStudent = await createStudent(db, invitationCode);
}, 60_000);

afterAll(() => {
  globalForDb.edubridgeDb = previousDb;
});

/** Publishes a one-seat placement in a region (the saved searches below each follow a region of their own). */
async function publish(regionCode: string, title = "Java 开发实习生") {
  const posting = postingInput.parse(placementInput({ regionCode, title, quantity: 1, postId: host.postId }));
  const { id } = await createPosting(db, { organisationId: host.organisationId, userId: host.userId, posting, submit: true });
  await approvePosting(db, id, adminId);
  return id;
}

async function notificationsOf(userId: string, type?: string) {
  const rows = await db.select().from(notifications).where(eq(notifications.userId, userId));
  return rows.filter((n) => !type || n.type === type);
}

async function mailsOf(savedSearchId: string) {
  return db.select().from(mailOutbox).where(eq(mailOutbox.savedSearchId, savedSearchId));
}

/** A minute after now: past the settling margin of a window that started before the postings of a case. */
const inAMinute = () => new Date(Date.now() + 2 * settleMs);

describe("saving searches", () => {
  it("lists, renames and deletes only the user's own saved searches", async () => {
    const mine = await callerFor(db, student.userId);
    const theirs = await callerFor(db, otherStudent.userId);
    const { id } = await mine.savedSearches.savePostings({ name: "天河区", params: { regionCode: "440106", kinds: ["placement_internship"] } });
    expect((await mine.savedSearches.list()).map((s) => [s.id, s.name, s.frequency, s.searchUrl])).toContainEqual([id, "天河区", "daily", "/search?region=440106&kind=placement_internship"]);
    expect((await theirs.savedSearches.list()).map((s) => s.id)).not.toContain(id);

    await expect(theirs.savedSearches.rename({ savedSearchId: id, name: "改名" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(theirs.savedSearches.delete({ savedSearchId: id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(theirs.savedSearches.update({ savedSearchId: id, frequency: "instant" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await mine.savedSearches.rename({ savedSearchId: id, name: "天河区岗位实习" });
    const [row] = await db.select().from(savedSearches).where(eq(savedSearches.id, id));
    expect([row?.name, row?.frequency]).toEqual(["天河区岗位实习", "daily"]);

    // A bad name is refused with its own message (translated by the error formatter) and nothing changes.
    await expect(mine.savedSearches.rename({ savedSearchId: id, name: " " })).rejects.toMatchObject({ code: "BAD_REQUEST", cause: { issues: [expect.objectContaining({ message: "errors.savedSearchName" })] } });
    await expect(mine.savedSearches.savePostings({ name: "x".repeat(41), params: {} })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect((await mine.savedSearches.list()).map((s) => s.name)).toEqual(["天河区岗位实习"]);

    await mine.savedSearches.delete({ savedSearchId: id });
    expect(await mine.savedSearches.list()).toEqual([]);
  });

  it("lets only members of a verified enterprise save candidate searches", async () => {
    const asStudent = await callerFor(db, student.userId);
    await expect(asStudent.savedSearches.saveCandidates({ organisationId: host.organisationId, name: "计算机类", params: { specialtyCode: "5102" } })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("alerts of new postings", () => {
  it("gives one notification per new matching posting, none for others, and none again on a second run", async () => {
    const { id } = await (await callerFor(db, student.userId)).savedSearches.savePostings({ name: "越秀区", frequency: "instant", params: { regionCode: "440104" } });
    const matching = await publish("440104", "越秀数据标注实习");
    const elsewhere = await publish("440105", "海珠数据标注实习");
    const now = inAMinute();

    // Two instances running the same round at once: the window is claimed by one of them.
    const [a, b] = await Promise.all([runSavedSearchAlerts(db, { now, mode: "instant" }), runSavedSearchAlerts(db, { now, mode: "instant" })]);
    const alerted = await notificationsOf(student.userId, "notify.savedSearchPosting");
    expect(alerted.map((n) => [n.link, n.params.search, n.params.title])).toEqual([[`/postings/${matching}`, "越秀区", "越秀数据标注实习"]]);
    expect(alerted.some((n) => n.link.includes(elsewhere))).toBe(false);
    expect(a.notifications + b.notifications).toBe(1);

    await runSavedSearchAlerts(db, { now: new Date(now.getTime() + 60_000), mode: "instant" });
    expect(await notificationsOf(student.userId, "notify.savedSearchPosting")).toHaveLength(1);

    // Without SMTP_URL the mail is held in the outbox for the administrator, with its unsubscribe headers.
    const mails = await mailsOf(id);
    expect(mails.map((m) => [m.status, m.toAddress])).toEqual([["held", expect.stringMatching(/@example\.cn$/)]]);
    expect(mails[0]!.body).toContain(`/postings/${matching}`);
    expect(mails[0]!.headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    expect(mails[0]!.headers["List-Unsubscribe"]).toBe(`<http://localhost:3000/api/unsubscribe?token=${encodeURIComponent(unsubscribeToken(id))}>`);
    const outbox = await (await callerFor(db, adminId)).savedSearches.outbox({});
    expect(outbox.map((m) => m.id)).toContain(mails[0]!.id);
  });

  it("groups a day's postings into one digest, sent once a day", async () => {
    const { id } = await (await callerFor(db, student.userId)).savedSearches.savePostings({ name: "荔湾区", frequency: "daily", params: { regionCode: "440103" } });
    await publish("440103", "荔湾前端实习");
    await publish("440103", "荔湾测试实习");
    // Instant rounds leave daily searches alone.
    await runSavedSearchAlerts(db, { now: inAMinute(), mode: "instant" });
    expect(await notificationsOf(student.userId, "notify.savedSearchDigest")).toHaveLength(0);

    const tomorrow = new Date((Math.floor(Date.now() / 86_400_000) + 1) * 86_400_000 + 60_000);
    await runSavedSearchAlerts(db, { now: tomorrow, mode: "daily" });
    await runSavedSearchAlerts(db, { now: new Date(tomorrow.getTime() + 3600_000), mode: "daily" });
    const digests = await notificationsOf(student.userId, "notify.savedSearchDigest");
    expect(digests.map((n) => [n.params.search, n.params.n, n.link])).toEqual([["荔湾区", "2", "/search?region=440103"]]);
    const mails = await mailsOf(id);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.body).toMatch(/荔湾前端实习[\s\S]*荔湾测试实习|荔湾测试实习[\s\S]*荔湾前端实习/);
  });
});

describe("the periodic job", () => {
  it("runs the instant alerts and the day's digests in one round", async () => {
    const api = await callerFor(db, otherStudent.userId);
    await api.savedSearches.savePostings({ name: "番禺即时", frequency: "instant", params: { regionCode: "440113" } });
    await api.savedSearches.savePostings({ name: "番禺每日", frequency: "daily", params: { regionCode: "440113" } });
    const posting = await publish("440113", "番禺机电实习");
    expect(await runJobOnce(db, savedSearchAlertsJob, new Date((Math.floor(Date.now() / 86_400_000) + 1) * 86_400_000 + 60_000))).toBe(true);
    const alerted = await notificationsOf(otherStudent.userId);
    expect(alerted.map((n) => [n.type, n.params.search, n.link]).sort()).toEqual([
      ["notify.savedSearchDigest", "番禺每日", "/search?region=440113"],
      ["notify.savedSearchPosting", "番禺即时", `/postings/${posting}`],
    ]);
  });
});

describe("mail", () => {
  it("sends through SMTP with the one-click unsubscribe, whose route handler stops the search's mails", async () => {
    const received: string[] = [];
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      onData(stream, _session, callback) {
        let data = "";
        stream.on("data", (chunk: Buffer) => (data += chunk.toString("utf8")));
        stream.on("end", () => {
          received.push(data);
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const smtpUrl = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
    try {
      const { id } = await (await callerFor(db, student.userId)).savedSearches.savePostings({ name: "白云区", frequency: "instant", params: { regionCode: "440111" } });
      const first = await publish("440111", "白云物流实习");
      const now = inAMinute();
      const totals = await runSavedSearchAlerts(db, { now, mode: "instant", smtpUrl });
      expect(totals.sent).toBe(1);
      expect(received).toHaveLength(1);
      const headers = received[0]!.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, " ");
      expect(headers).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
      const link = /^List-Unsubscribe: <([^>]+)>$/m.exec(headers)?.[1];
      expect(link).toBe(`http://localhost:3000/api/unsubscribe?token=${encodeURIComponent(unsubscribeToken(id))}`);
      expect((await mailsOf(id)).map((m) => m.status)).toEqual(["sent"]);
      expect(first).toBeTruthy();

      // Opening the link only asks; the one-click POST (as a mail program sends it) stops the mails.
      expect((await unsubscribePage(new Request(link!))).status).toBe(200);
      expect((await db.select().from(savedSearches).where(eq(savedSearches.id, id)))[0]?.mailEnabled).toBe(true);
      const forged = await unsubscribe(new Request(link!.replace(/token=[^&]+/, `token=${id}.${"A".repeat(43)}`), { method: "POST", body: "List-Unsubscribe=One-Click" }));
      expect(forged.status).toBe(400);
      expect((await db.select().from(savedSearches).where(eq(savedSearches.id, id)))[0]?.mailEnabled).toBe(true);
      const done = await unsubscribe(new Request(link!, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "List-Unsubscribe=One-Click" }));
      expect(done.status).toBe(200);
      expect(await done.text()).toContain("白云区");

      // The next posting (published after the first window, which ended at `now` less the margin) is still
      // notified in the app, but no mail is written or sent.
      setClock(now);
      await publish("440111", "白云仓储实习");
      await runSavedSearchAlerts(db, { now: inAMinute(), mode: "instant", smtpUrl });
      expect((await notificationsOf(student.userId, "notify.savedSearchPosting")).filter((n) => n.params.search === "白云区")).toHaveLength(2);
      expect(await mailsOf(id)).toHaveLength(1);
      expect(received).toHaveLength(1);
    } finally {
      resetClock();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe("candidate alerts", () => {
  it("tells the enterprise of students who become visible, never of hidden profiles", async () => {
    const make = async (name: string, specialtyCode = "510201") => (await createStudent(db, invitationCode, { name, specialtyCode })).userId;
    const show = async (userId: string, name: string, specialtyCode = "510201", visible = true, bio = "") =>
      (await callerFor(db, userId)).students.update({ name, specialtyCode, enrolmentYear: 2024, birthDate: "2005-06-01", visibleToEnterprises: visible, bio });
    const early = await make("赵早");
    await show(early, "赵早");
    const hidden = await make("钱隐");
    const fresh = await make("孙新");
    const other = await make("李别", "520801");

    const hr = await callerFor(db, host.userId);
    const { id } = await hr.savedSearches.saveCandidates({ organisationId: host.organisationId, name: "计算机类", frequency: "instant", params: { specialtyCode: "5102" } });
    await show(fresh, "孙新");
    await show(other, "李别", "520801");
    await show(hidden, "钱隐", "510201", false, "更新了简介");
    await show(early, "赵早", "510201", true, "也更新了简介");

    const now = inAMinute();
    await runSavedSearchAlerts(db, { now, mode: "instant" });
    await runSavedSearchAlerts(db, { now: new Date(now.getTime() + 60_000), mode: "instant" });
    const alerted = await notificationsOf(host.userId, "notify.savedSearchStudent");
    expect(alerted.map((n) => [n.link, n.params.title])).toEqual([[`/students/${fresh}`, "孙同学"]]);

    // The mail holds the visible profile only: a display name, never a full name, and nobody hidden.
    const mails = await mailsOf(id);
    expect(mails).toHaveLength(1);
    const text = JSON.stringify(mails);
    expect(text).toContain("孙同学");
    for (const secret of ["孙新", "钱隐", hidden, early, other]) expect(text).not.toContain(secret);
    const anyHidden = await db.select().from(notifications).where(and(eq(notifications.userId, host.userId), eq(notifications.link, `/students/${hidden}`)));
    expect(anyHidden).toEqual([]);
  });
});
