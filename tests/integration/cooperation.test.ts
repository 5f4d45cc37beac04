import { TRPCError } from "@trpc/server";
import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/create";
import { cooperationProjects, cooperationProposals, memberships, notifications, proposalMessages } from "@/db/schema";
import { approvePosting, createPosting } from "@/server/postings/manage";
import { postingInput } from "@/server/schemas/postings";
import { changedTables, tableChecksums } from "../helpers/checksums";
import { callerFor, createTestDb } from "../helpers/db";
import { monthDay, monthEnd, monthStart } from "../helpers/dates";
import { createAdmin, createEnterprise, createInvitationFor, createSchool, createStudent, placementInput } from "../helpers/factories";

/**
 * Cooperation between a school and an enterprise (server/cooperation/manage.ts): propose, discuss in a thread,
 * accept into a project in both ledgers, decline, withdraw, complete; and everyone else — another school, another
 * enterprise, an organisation not yet verified, a student — refused without a trace.
 */

let db: Db;
type Org = Awaited<ReturnType<typeof createSchool>>;
type Host = Awaited<ReturnType<typeof createEnterprise>>;
let school: Org, otherSchool: Org, pendingSchool: Org;
let host: Host, otherHost: Host;
let studentId: string;
let publishedId: string, draftId: string;

beforeEach(async () => {
  db = await createTestDb();
  const admin = await createAdmin(db);
  school = await createSchool(db);
  host = await createEnterprise(db);
  otherSchool = await createSchool(db);
  otherHost = await createEnterprise(db);
  pendingSchool = await createSchool(db, {}, { verified: false });
  studentId = (await createStudent(db, (await createInvitationFor(db, school)).code)).userId;
  const posting = postingInput.parse(placementInput({ quantity: 2, startDate: monthStart(4), endDate: monthEnd(5), applyBy: monthDay(3, 15), postId: host.postId }));
  publishedId = (await createPosting(db, { organisationId: host.organisationId, userId: host.userId, posting, submit: true })).id;
  await approvePosting(db, publishedId, admin.id);
  draftId = (await createPosting(db, { organisationId: host.organisationId, userId: host.userId, posting, submit: false })).id;
});

const api = (org: { userId: string }) => callerFor(db, org.userId);
const proposal = async (id: string) => (await db.select().from(cooperationProposals).where(eq(cooperationProposals.id, id)).limit(1))[0]!;
/** A user's cooperation notifications (the host's posting approval is not this test's business). */
/** Picked out here rather than with LIKE: the same on either engine whatever type the column has there. */
const notificationsOf = async (userId: string) =>
  (
    await db
      .select({ type: notifications.type, link: notifications.link, params: notifications.params })
      .from(notifications)
      .where(eq(notifications.userId, userId))
  ).filter((n) => n.type.startsWith("notify.proposal"));

async function codeOf(call: Promise<unknown>) {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return (error as TRPCError).code;
}

/** The school proposes an order class to the host, from the host's published posting. */
async function proposeOrderClass() {
  const { id } = await (await api(school)).cooperation.propose({ organisationId: school.organisationId, toOrganisationId: host.organisationId, postingId: publishedId, kind: "order_class", title: "2027 级软件订单班", message: "希望合作开设订单班" });
  return id;
}

describe("cooperation proposals", () => {
  it("opens a thread visible to both organisations, and tells the receiver once", async () => {
    const id = await proposeOrderClass();
    expect(await proposal(id)).toMatchObject({ fromOrganisationId: school.organisationId, toOrganisationId: host.organisationId, postingId: publishedId, kind: "order_class", title: "2027 级软件订单班", status: "open", createdBy: school.userId });

    const asSchool = await (await api(school)).cooperation.thread({ organisationId: school.organisationId, proposalId: id });
    expect(asSchool.viewerIsReceiver).toBe(false);
    expect(asSchool.projectId).toBeNull();
    expect(asSchool.posting).toMatchObject({ id: publishedId, title: "Java 开发实习生" });
    expect(asSchool.messages.map((m) => [m.organisationId, m.body])).toEqual([[school.organisationId, "希望合作开设订单班"]]);
    const asHost = await (await api(host)).cooperation.thread({ organisationId: host.organisationId, proposalId: id });
    expect(asHost.viewerIsReceiver).toBe(true);
    expect(asHost.proposal).toMatchObject({ fromName: asSchool.proposal.fromName, toName: asSchool.proposal.toName, status: "open" });

    // The receiver's members are told, the proposer (who knows) is not.
    expect(await notificationsOf(host.userId)).toEqual([{ type: "notify.proposalReceived", link: `/cooperation/${id}`, params: { organisation: asSchool.proposal.fromName, title: "2027 级软件订单班" } }]);
    expect(await notificationsOf(school.userId)).toEqual([]);

    // Each ledger lists it once; a third organisation's ledger does not.
    const schoolLedger = await (await api(school)).cooperation.ledger({ organisationId: school.organisationId });
    const hostLedger = await (await api(host)).cooperation.ledger({ organisationId: host.organisationId });
    expect(schoolLedger.proposals.map((p) => p.id)).toEqual([id]);
    expect(hostLedger.proposals.map((p) => p.id)).toEqual([id]);
    expect(schoolLedger.projects).toEqual([]);
    const otherLedger = await (await api(otherSchool)).cooperation.ledger({ organisationId: otherSchool.organisationId });
    expect(otherLedger).toEqual({ projects: [], proposals: [] });
  });

  it("keeps the thread in order, each message by its organisation, and tells the other side", async () => {
    const id = await proposeOrderClass();
    await (await api(host)).cooperation.message({ organisationId: host.organisationId, proposalId: id, body: "可以，请提供专业人数" });
    await (await api(school)).cooperation.message({ organisationId: school.organisationId, proposalId: id, body: "计算机应用技术 45 人" });
    const thread = await (await api(school)).cooperation.thread({ organisationId: school.organisationId, proposalId: id });
    expect(thread.messages.map((m) => [m.organisationId, m.body])).toEqual([
      [school.organisationId, "希望合作开设订单班"],
      [host.organisationId, "可以，请提供专业人数"],
      [school.organisationId, "计算机应用技术 45 人"],
    ]);
    expect((await notificationsOf(school.userId)).map((n) => n.type)).toEqual(["notify.proposalMessage"]);
    expect((await notificationsOf(host.userId)).map((n) => n.type).sort()).toEqual(["notify.proposalMessage", "notify.proposalReceived"]);
  });

  it("turns an accepted proposal into one project in both ledgers, and closes the thread", async () => {
    const id = await proposeOrderClass();
    const hostApi = await api(host);
    // Only the receiver accepts: the proposer may not accept its own proposal.
    expect(await codeOf((await api(school)).cooperation.accept({ organisationId: school.organisationId, proposalId: id, startDate: "2027-09-01", endDate: "2030-06-30" }))).toBe("FORBIDDEN");
    const { projectId } = await hostApi.cooperation.accept({ organisationId: host.organisationId, proposalId: id, startDate: "2027-09-01", endDate: "2030-06-30", studentCount: 45, mentorCount: 3, documents: "订单班协议.pdf" });

    expect((await proposal(id)).status).toBe("accepted");
    const projects = await db.select().from(cooperationProjects);
    expect(projects).toHaveLength(1);
    expect(projects[0]).toMatchObject({ id: projectId, proposalId: id, kind: "order_class", title: "2027 级软件订单班", schoolId: school.organisationId, enterpriseId: host.organisationId, startDate: "2027-09-01", endDate: "2030-06-30", studentCount: 45, mentorCount: 3, documents: "订单班协议.pdf", status: "active" });
    for (const org of [school, host]) {
      const ledger = await (await api(org)).cooperation.ledger({ organisationId: org.organisationId });
      expect(ledger.projects.map((p) => [p.id, p.status])).toEqual([[projectId, "active"]]);
      expect(ledger.proposals.map((p) => [p.id, p.status])).toEqual([[id, "accepted"]]);
    }
    expect((await (await api(school)).cooperation.thread({ organisationId: school.organisationId, proposalId: id })).projectId).toBe(projectId);
    expect((await notificationsOf(school.userId)).map((n) => n.type)).toEqual(["notify.proposalAccepted"]);

    // Closed: no second acceptance (no second project), no decline, no withdrawal, no more messages.
    const before = await tableChecksums(db);
    expect(await codeOf(hostApi.cooperation.accept({ organisationId: host.organisationId, proposalId: id, startDate: "2027-09-01", endDate: "2030-06-30" }))).toBe("CONFLICT");
    expect(await codeOf(hostApi.cooperation.decline({ organisationId: host.organisationId, proposalId: id }))).toBe("CONFLICT");
    expect(await codeOf((await api(school)).cooperation.withdraw({ organisationId: school.organisationId, proposalId: id }))).toBe("CONFLICT");
    expect(await codeOf(hostApi.cooperation.message({ organisationId: host.organisationId, proposalId: id, body: "再补充" }))).toBe("CONFLICT");
    expect(changedTables(before, await tableChecksums(db))).toEqual([]);
  });

  it("declines: the proposer is told, no project is made, and the proposer may not decline its own", async () => {
    const id = await proposeOrderClass();
    expect(await codeOf((await api(school)).cooperation.decline({ organisationId: school.organisationId, proposalId: id }))).toBe("FORBIDDEN");
    await (await api(host)).cooperation.decline({ organisationId: host.organisationId, proposalId: id });
    expect((await proposal(id)).status).toBe("declined");
    expect(await db.select().from(cooperationProjects)).toEqual([]);
    expect((await notificationsOf(school.userId)).map((n) => n.type)).toEqual(["notify.proposalDeclined"]);
  });

  it("withdraws by the proposer only, without telling the receiver again", async () => {
    const id = await proposeOrderClass();
    expect(await codeOf((await api(host)).cooperation.withdraw({ organisationId: host.organisationId, proposalId: id }))).toBe("FORBIDDEN");
    expect((await proposal(id)).status).toBe("open");
    await (await api(school)).cooperation.withdraw({ organisationId: school.organisationId, proposalId: id });
    expect((await proposal(id)).status).toBe("withdrawn");
    expect((await notificationsOf(host.userId)).map((n) => n.type)).toEqual(["notify.proposalReceived"]);
    expect(await codeOf((await api(host)).cooperation.accept({ organisationId: host.organisationId, proposalId: id, startDate: "2027-09-01", endDate: "2030-06-30" }))).toBe("CONFLICT");
  });

  it("completes an active project for either of its organisations, once", async () => {
    const hostApi = await api(host);
    const first = await proposeOrderClass();
    const { projectId } = await hostApi.cooperation.accept({ organisationId: host.organisationId, proposalId: first, startDate: "2027-09-01", endDate: "2030-06-30" });
    // The enterprise proposes too (a training base), the school accepts; the enterprise completes it.
    const { id: second } = await hostApi.cooperation.propose({ organisationId: host.organisationId, toOrganisationId: school.organisationId, kind: "training_base", title: "共建实训基地", message: "共建" });
    const { projectId: base } = await (await api(school)).cooperation.accept({ organisationId: school.organisationId, proposalId: second, startDate: "2027-01-01", endDate: "2029-12-31" });
    expect((await db.select().from(cooperationProjects).where(eq(cooperationProjects.id, base)))[0]).toMatchObject({ schoolId: school.organisationId, enterpriseId: host.organisationId, kind: "training_base" });

    await (await api(school)).cooperation.completeProject({ organisationId: school.organisationId, projectId });
    await hostApi.cooperation.completeProject({ organisationId: host.organisationId, projectId: base });
    expect((await db.select({ id: cooperationProjects.id, status: cooperationProjects.status }).from(cooperationProjects)).sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      [
        { id: projectId, status: "completed" },
        { id: base, status: "completed" },
      ].sort((a, b) => a.id.localeCompare(b.id)),
    );
    expect(await codeOf((await api(school)).cooperation.completeProject({ organisationId: school.organisationId, projectId }))).toBe("NOT_FOUND");
  });

  it("refuses pairs that are not a school and an enterprise, and unverified or unknown counterparts", async () => {
    const schoolApi = await api(school);
    const propose = (toOrganisationId: string) => schoolApi.cooperation.propose({ organisationId: school.organisationId, toOrganisationId, kind: "order_class", title: "订单班", message: "希望合作" });
    expect(await codeOf(propose(school.organisationId))).toBe("BAD_REQUEST");
    expect(await codeOf(propose(otherSchool.organisationId))).toBe("BAD_REQUEST");
    expect(await codeOf(propose(pendingSchool.organisationId))).toBe("NOT_FOUND");
    expect(await codeOf(propose("00000000-0000-4000-8000-000000000000"))).toBe("NOT_FOUND");
    // Not verified itself: it may not propose.
    expect(await codeOf((await api(pendingSchool)).cooperation.propose({ organisationId: pendingSchool.organisationId, toOrganisationId: host.organisationId, kind: "order_class", title: "订单班", message: "希望合作" }))).toBe("FORBIDDEN");
    expect(await db.select().from(cooperationProposals)).toEqual([]);
  });

  it("names only the proposer's own posting or the counterpart's published one", async () => {
    const schoolApi = await api(school);
    const naming = (toOrganisationId: string, postingId: string) => schoolApi.cooperation.propose({ organisationId: school.organisationId, toOrganisationId, postingId, kind: "order_class", title: "订单班", message: "希望合作" });
    // Another enterprise's published posting is not this pair's business; the host's draft is not public.
    expect(await codeOf(naming(otherHost.organisationId, publishedId))).toBe("NOT_FOUND");
    expect(await codeOf(naming(host.organisationId, draftId))).toBe("NOT_FOUND");
    expect(await db.select().from(cooperationProposals)).toEqual([]);
    // The host may name its own draft (a plan it is still writing).
    const { id } = await (await api(host)).cooperation.propose({ organisationId: host.organisationId, toOrganisationId: school.organisationId, postingId: draftId, kind: "order_class", title: "订单班", message: "希望合作" });
    expect((await proposal(id)).postingId).toBe(draftId);
  });
});

describe("outsiders to a proposal", () => {
  it("refuses another school, another enterprise and an unverified school, each acting for itself: NOT_FOUND, nothing written", async () => {
    const id = await proposeOrderClass();
    const agreed = await proposeOrderClass();
    const { projectId } = await (await api(host)).cooperation.accept({ organisationId: host.organisationId, proposalId: agreed, startDate: "2027-09-01", endDate: "2030-06-30" });
    const before = await tableChecksums(db);
    const outcomes: string[] = [];
    for (const [name, org] of [["otherSchool", otherSchool], ["otherHost", otherHost], ["pendingSchool", pendingSchool]] as const) {
      const c = (await api(org)).cooperation;
      const organisationId = org.organisationId;
      const calls: [string, () => Promise<unknown>][] = [
        ["thread", () => c.thread({ organisationId, proposalId: id })],
        ["message", () => c.message({ organisationId, proposalId: id, body: "我也想参加" })],
        ["accept", () => c.accept({ organisationId, proposalId: id, startDate: "2027-09-01", endDate: "2030-06-30" })],
        ["decline", () => c.decline({ organisationId, proposalId: id })],
        ["withdraw", () => c.withdraw({ organisationId, proposalId: id })],
        ["completeProject", () => c.completeProject({ organisationId, projectId })],
      ];
      for (const [procedure, call] of calls) outcomes.push(`${name} ${procedure}: ${await codeOf(call())}`);
    }
    // The unverified school is refused by the verification rung where the procedure needs it (message, accept).
    const verifiedOnly = new Set(["pendingSchool message", "pendingSchool accept"]);
    expect(outcomes).toEqual(outcomes.map((o) => `${o.slice(0, o.indexOf(":"))}: ${verifiedOnly.has(o.slice(0, o.indexOf(":"))) ? "FORBIDDEN" : "NOT_FOUND"}`));
    expect(outcomes).toHaveLength(18);
    expect(changedTables(before, await tableChecksums(db))).toEqual([]);
    expect((await proposal(id)).status).toBe("open");
  });

  it("does not show the host a proposal between its partner school and another enterprise", async () => {
    // The host cooperates with the school, but is no party to the school's proposal to another enterprise.
    await proposeOrderClass();
    const { id } = await (await api(school)).cooperation.propose({ organisationId: school.organisationId, toOrganisationId: otherHost.organisationId, kind: "apprenticeship", title: "现代学徒制", message: "希望合作" });
    const hostApi = await api(host);
    const before = await tableChecksums(db);
    expect(await codeOf(hostApi.cooperation.thread({ organisationId: host.organisationId, proposalId: id }))).toBe("NOT_FOUND");
    expect(await codeOf(hostApi.cooperation.message({ organisationId: host.organisationId, proposalId: id, body: "？" }))).toBe("NOT_FOUND");
    expect(await codeOf(hostApi.cooperation.decline({ organisationId: host.organisationId, proposalId: id }))).toBe("NOT_FOUND");
    expect(changedTables(before, await tableChecksums(db))).toEqual([]);
    expect((await hostApi.cooperation.ledger({ organisationId: host.organisationId })).proposals.map((p) => p.id)).not.toContain(id);
    expect((await (await api(otherHost)).cooperation.thread({ organisationId: otherHost.organisationId, proposalId: id })).viewerIsReceiver).toBe(true);
  });

  it("refuses a student and a member acting for an organisation it does not belong to", async () => {
    const id = await proposeOrderClass();
    const student = await callerFor(db, studentId);
    expect(await codeOf(student.cooperation.ledger({ organisationId: school.organisationId }))).toBe("FORBIDDEN");
    expect(await codeOf(student.cooperation.thread({ organisationId: school.organisationId, proposalId: id }))).toBe("FORBIDDEN");
    // Another school's owner naming the first school: the membership rung refuses.
    expect(await codeOf((await api(otherSchool)).cooperation.thread({ organisationId: school.organisationId, proposalId: id }))).toBe("FORBIDDEN");
    // A member whose membership is gone is refused at once (memberships are read on every request).
    await db.delete(memberships).where(and(eq(memberships.userId, host.userId), eq(memberships.organisationId, host.organisationId)));
    expect(await codeOf((await api(host)).cooperation.thread({ organisationId: host.organisationId, proposalId: id }))).toBe("FORBIDDEN");
    expect(await db.select().from(proposalMessages).where(eq(proposalMessages.proposalId, id))).toHaveLength(1);
  });
});
