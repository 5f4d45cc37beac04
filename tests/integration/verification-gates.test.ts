import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { TRPCError } from "@trpc/server";
import { count, eq } from "drizzle-orm";
import { PDFDocument } from "pdf-lib";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/create";
import { cooperationProposals, invitations, organisations, placements, users } from "@/db/schema";
import { createInvitation } from "@/server/organisations/manage";
import { loadPlacement, placementState } from "@/server/placements/manage";
import { resetRateLimits } from "@/server/security/rate-limit";
import { readCv, saveCv } from "@/server/students/cv";
import { createContext, MessageError } from "@/server/trpc";
import { callerFor, createTestDb } from "../helpers/db";
import { createAdmin, createEnterprise, createInvitationFor, createSchool, createStudent, placementInput, studentInput } from "../helpers/factories";
import { monthDay, monthEnd, monthStart } from "../helpers/dates";

/**
 * Issue 13 H1 and M6: an organisation that is not (or no longer) verified acts on nothing — not on its own
 * drafts, not on its own postings, not on students who applied to it, not on invitations, placements,
 * agreements or cooperation. The matrix in authorization.test.ts names the first school's and host's data;
 * here the unverified organisations act on their own.
 */

let pdf: Uint8Array;
beforeAll(async () => {
  const doc = await PDFDocument.create();
  doc.addPage([300, 200]);
  pdf = await doc.save();
  process.env.DATABASE_PATH = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "edubridge-gates-")), "test.db");
});

let db: Db;
let adminId: string;
let school: Awaited<ReturnType<typeof createSchool>>;
let student: Awaited<ReturnType<typeof createStudent>>;

beforeEach(async () => {
  db = await createTestDb();
  resetRateLimits();
  adminId = (await createAdmin(db)).id;
  school = await createSchool(db);
  student = await createStudent(db, (await createInvitationFor(db, school)).code, { birthDate: "2005-07-13", mobile: "13912345678" });
  // Visible to enterprises, with a CV: what the self-registered enterprise of H1 harvested.
  await (await callerFor(db, student.userId)).students.update({ name: "王小明", specialtyCode: "510201", enrolmentYear: 2024, birthDate: "2005-07-13", visibleToEnterprises: true });
  expect(await saveCv(db, student.userId, "简历.pdf", pdf)).toBeNull();
});

async function refusal(call: Promise<unknown>) {
  const error = await call.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(TRPCError);
  return error as TRPCError;
}
async function notVerified(call: Promise<unknown>, key = "errors.orgVerificationRequired") {
  const error = await refusal(call);
  expect(error.code).toBe("FORBIDDEN");
  expect(error).toBeInstanceOf(MessageError);
  expect((error as MessageError).key).toBe(key);
}
const setStatus = async (organisationId: string, status: "pending" | "verified") => {
  await db.update(organisations).set({ verificationStatus: status }).where(eq(organisations.id, organisationId));
};
const sessionOf = async (userId: string) => (await createContext({ db, userId })).user!;

async function publishedPosting(host: { organisationId: string; userId: string; postId: string }) {
  const { id } = await (await callerFor(db, host.userId)).postings.create({ organisationId: host.organisationId, posting: placementInput({ startDate: monthStart(4), endDate: monthEnd(9), applyBy: monthDay(3, 15), postId: host.postId }), submit: true });
  await (await callerFor(db, adminId)).postings.approve({ postingId: id });
  return id;
}

describe("an enterprise that is not verified", () => {
  it("gets no students from its own draft, nor their profiles or CVs (H1)", async () => {
    const pending = await createEnterprise(db, {}, { verified: false });
    const api = await callerFor(db, pending.userId);
    const { id: draftId } = await api.postings.create({ organisationId: pending.organisationId, posting: placementInput({ postId: pending.postId }), submit: false });
    await notVerified(api.match.forPosting({ organisationId: pending.organisationId, postingId: draftId }));
    await notVerified(api.match.forOrganisation({ organisationId: pending.organisationId }));
    expect((await refusal(api.students.get({ userId: student.userId }))).code).toBe("NOT_FOUND");
    expect(await readCv(db, await sessionOf(pending.userId), student.userId)).toBeNull();
  });

  it("gets nothing from a published posting once it is back to pending, and receives no applications", async () => {
    const host = await createEnterprise(db);
    const postingId = await publishedPosting(host);
    await setStatus(host.organisationId, "pending");
    const api = await callerFor(db, host.userId);
    await notVerified(api.match.forPosting({ organisationId: host.organisationId, postingId }));
    expect((await refusal((await callerFor(db, student.userId)).applications.submit({ postingId, coverNote: "" }))).code).toBe("NOT_FOUND");
  });

  it("loses the applicant view, the CV and the applicants list when it goes back to pending", async () => {
    const host = await createEnterprise(db);
    const postingId = await publishedPosting(host);
    await (await callerFor(db, student.userId)).applications.submit({ postingId, coverNote: "" });
    const api = await callerFor(db, host.userId);
    expect((await api.students.get({ userId: student.userId })).view).toBe("applicant");
    await setStatus(host.organisationId, "pending");
    expect((await refusal(api.students.get({ userId: student.userId }))).code).toBe("NOT_FOUND");
    expect(await readCv(db, await sessionOf(host.userId), student.userId)).toBeNull();
    await notVerified(api.applications.applicants({ organisationId: host.organisationId, postingId }));
  });
});

describe("matching", () => {
  it("works only on the organisation's published postings", async () => {
    const host = await createEnterprise(db);
    const api = await callerFor(db, host.userId);
    const { id: draftId } = await api.postings.create({ organisationId: host.organisationId, posting: placementInput({ postId: host.postId }), submit: false });
    const error = await refusal(api.match.forPosting({ organisationId: host.organisationId, postingId: draftId }));
    expect(error.code).toBe("BAD_REQUEST");
    expect((error as MessageError).key).toBe("errors.matchPostingNotPublished");
    const { id: submittedId } = await api.postings.create({ organisationId: host.organisationId, posting: placementInput({ postId: host.postId }), submit: true });
    expect((await refusal(api.match.forPosting({ organisationId: host.organisationId, postingId: submittedId }))).code).toBe("BAD_REQUEST");
    const postingId = await publishedPosting(host);
    expect((await api.match.forPosting({ organisationId: host.organisationId, postingId })).students.map((s) => s.userId)).toContain(student.userId);
  });
});

describe("a school that is not verified", () => {
  it("cannot create invitation codes, and nothing is written", async () => {
    const pending = await createSchool(db, {}, { verified: false });
    const api = await callerFor(db, pending.userId);
    await notVerified(api.organisations.invitations.create({ organisationId: pending.organisationId, label: "2026 级", maxUses: 1000, validDays: 30 }));
    expect((await db.select({ n: count() }).from(invitations).where(eq(invitations.organisationId, pending.organisationId)).limit(1))[0]!.n).toBe(0);
  });

  it("lets no student sign up with one of its codes", async () => {
    const pending = await createSchool(db, {}, { verified: false });
    // A code made before the school went back to pending (or written by other means).
    const { code } = await createInvitation(db, { organisationId: pending.organisationId, label: "", maxUses: 1000, validDays: 30 }, pending.userId);
    const error = await refusal((await callerFor(db)).accounts.signUpStudent(studentInput(code, { email: "gate-student@example.cn" })));
    expect(error.code).toBe("BAD_REQUEST");
    expect((error as unknown as { fields: Record<string, string> }).fields).toEqual({ invitationCode: "errors.invitationSchoolNotVerified" });
    expect((await db.select({ n: count() }).from(users).where(eq(users.email, "gate-student@example.cn")).limit(1))[0]!.n).toBe(0);
    expect((await db.select().from(invitations).where(eq(invitations.code, code)).limit(1))[0]!.usedCount).toBe(0);
  });

  it("cannot propose, answer or accept cooperation", async () => {
    const host = await createEnterprise(db);
    const pending = await createSchool(db, {}, { verified: false });
    await notVerified((await callerFor(db, pending.userId)).cooperation.propose({ organisationId: pending.organisationId, toOrganisationId: host.organisationId, kind: "order_class", title: "订单班", message: "希望合作" }));
    // A proposal made while both were verified: once the enterprise is back to pending it can neither answer nor accept.
    const { id: proposalId } = await (await callerFor(db, school.userId)).cooperation.propose({ organisationId: school.organisationId, toOrganisationId: host.organisationId, kind: "order_class", title: "订单班", message: "希望合作" });
    await setStatus(host.organisationId, "pending");
    const hostApi = await callerFor(db, host.userId);
    await notVerified(hostApi.cooperation.message({ organisationId: host.organisationId, proposalId, body: "好的" }));
    await notVerified(hostApi.cooperation.accept({ organisationId: host.organisationId, proposalId, startDate: "2027-01-01", endDate: "2027-12-31" }));
    expect((await db.select().from(cooperationProposals).where(eq(cooperationProposals.id, proposalId)).limit(1))[0]!.status).toBe("open");
  });
});

describe("placements", () => {
  /** A placement of the student at a verified host, pending the school's approval. */
  async function pendingPlacement() {
    const host = await createEnterprise(db, { staffCount: 300 });
    const postingId = await publishedPosting(host);
    const { id: applicationId } = await (await callerFor(db, student.userId)).applications.submit({ postingId, coverNote: "" });
    await (await callerFor(db, host.userId)).applications.move({ organisationId: host.organisationId, applicationId, move: { action: "offer", offerStartDate: monthStart(4), offerNote: "" } });
    const { placementId } = await (await callerFor(db, student.userId)).applications.respond({ applicationId, accept: true });
    return { host, placementId: placementId! };
  }
  const statusOf = async (placementId: string) => (await db.select({ status: placements.status }).from(placements).where(eq(placements.id, placementId)).limit(1))[0]!.status;

  it("are approved only while the school and the host are verified", async () => {
    const { host, placementId } = await pendingPlacement();
    const staff = await callerFor(db, school.userId);
    await setStatus(school.organisationId, "pending");
    await notVerified(staff.placements.approve({ placementId, schoolTutorId: school.userId }), "errors.placementPartyNotVerified");
    await setStatus(school.organisationId, "verified");
    await setStatus(host.organisationId, "pending");
    await notVerified(staff.placements.approve({ placementId, schoolTutorId: school.userId }), "errors.placementPartyNotVerified");
    expect(await statusOf(placementId)).toBe("pending_approval");
    await setStatus(host.organisationId, "verified");
    await staff.placements.approve({ placementId, schoolTutorId: school.userId });
    expect(await statusOf(placementId)).toBe("approved");
  });

  it("have their agreement confirmed by no party while the school or the host is not verified", async () => {
    const { host, placementId } = await pendingPlacement();
    await (await callerFor(db, school.userId)).placements.approve({ placementId, schoolTutorId: school.userId });
    const hostApi = await callerFor(db, host.userId);
    await hostApi.placements.assignTutor({ placementId, tutorId: host.userId });
    await hostApi.placements.recordInsurance({ placementId, insurer: "中国人寿", policyNumber: "PL-1", paidBy: "host" });
    await (await callerFor(db, student.userId)).placements.consent({ placementId });
    const { detail } = await loadPlacement(db, await sessionOf(host.userId), placementId);
    const { digest } = placementState(detail).agreement;
    await setStatus(host.organisationId, "pending");
    for (const party of [student.userId, school.userId, host.userId]) {
      await notVerified((await callerFor(db, party)).placements.confirmAgreement({ placementId, digest }), "errors.placementPartyNotVerified");
    }
    await setStatus(host.organisationId, "verified");
    await setStatus(school.organisationId, "pending");
    await notVerified((await callerFor(db, student.userId)).placements.confirmAgreement({ placementId, digest }), "errors.placementPartyNotVerified");
    const row = (await db.select().from(placements).where(eq(placements.id, placementId)).limit(1))[0]!;
    expect([row.studentConfirmedAt, row.schoolConfirmedAt, row.hostConfirmedAt]).toEqual([null, null, null]);
  });
});

