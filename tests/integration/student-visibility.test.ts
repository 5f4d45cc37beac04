import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { TRPCError } from "@trpc/server";
import { count } from "drizzle-orm";
import { PDFDocument } from "pdf-lib";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/create";
import { studentAccessLog } from "@/db/schema";
import { readCv, saveCv } from "@/server/students/cv";
import { studentFieldsByView } from "@/server/students/visibility";
import { createContext } from "@/server/trpc";
import { callerFor, createTestDb } from "../helpers/db";
import { createAdmin, createEnterprise, createInvitationFor, createSchool, createStudent, placementInput } from "../helpers/factories";
import { monthDay, monthEnd, monthStart } from "../helpers/dates";

/**
 * Who sees what of a student (server/students/visibility.ts), through the procedures and the CV reader:
 * issue 13 H1 — a student's contact data, birth date and CV reach a host only while the student's
 * application to it is open (or became a placement), and every such read is in the student's access log.
 */

/** A real one-page PDF (CVs are parsed on upload). */
let pdf: Uint8Array;

beforeAll(async () => {
  const doc = await PDFDocument.create();
  doc.addPage([300, 200]);
  pdf = await doc.save();
  process.env.DATABASE_PATH = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "edubridge-visibility-")), "test.db");
});

let db: Db;
let school: Awaited<ReturnType<typeof createSchool>>;
let host: Awaited<ReturnType<typeof createEnterprise>>;
let student: Awaited<ReturnType<typeof createStudent>>;
let postingId: string;
let adminId: string;
const secrets = { name: "王小明", birthDate: "2005-07-13", mobile: "13912345678" };

const sessionOf = async (userId: string) => (await createContext({ db, userId })).user!;
const logRows = async () => (await db.select({ n: count() }).from(studentAccessLog).limit(1))[0]!.n;
const keysOf = (o: object) => Object.keys(o).sort();

async function codeOf(call: Promise<unknown>) {
  const error = await call.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(TRPCError);
  return (error as TRPCError).code;
}

beforeEach(async () => {
  db = await createTestDb();
  adminId = (await createAdmin(db)).id;
  school = await createSchool(db);
  host = await createEnterprise(db, { staffCount: 300 });
  student = await createStudent(db, (await createInvitationFor(db, school)).code, { birthDate: secrets.birthDate, mobile: secrets.mobile });
  await (await callerFor(db, student.userId)).students.update({ name: secrets.name, specialtyCode: "510201", enrolmentYear: 2024, birthDate: secrets.birthDate, visibleToEnterprises: true, skills: "Java", bio: "喜欢写代码" });
  expect(await saveCv(db, student.userId, "简历.pdf", pdf)).toBeNull();
  const owner = await callerFor(db, host.userId);
  ({ id: postingId } = await owner.postings.create({ organisationId: host.organisationId, posting: placementInput({ startDate: monthStart(4), endDate: monthEnd(9), applyBy: monthDay(3, 15), postId: host.postId }), submit: true }));
  await (await callerFor(db, adminId)).postings.approve({ postingId });
});

async function apply() {
  return (await callerFor(db, student.userId)).applications.submit({ postingId, coverNote: "" });
}

describe("a verified enterprise", () => {
  it("without an application sees only the visible profile: no full name, contact, birth date or CV, and nothing is logged", async () => {
    const seen = await (await callerFor(db, host.userId)).students.get({ userId: student.userId });
    expect(seen.view).toBe("visibleProfile");
    expect(keysOf(seen)).toEqual(["view", ...studentFieldsByView.visibleProfile].sort());
    expect(seen.displayName).toBe("王同学");
    const text = JSON.stringify(seen);
    for (const secret of Object.values(secrets)) expect(text).not.toContain(secret);
    expect(text).not.toContain("@example.cn");
    expect(await readCv(db, await sessionOf(host.userId), student.userId)).toBeNull();
    expect(await logRows()).toBe(0);
  });

  it("sees nothing of a student who did not make the profile visible", async () => {
    await (await callerFor(db, student.userId)).students.update({ name: secrets.name, specialtyCode: "510201", enrolmentYear: 2024, birthDate: secrets.birthDate, visibleToEnterprises: false });
    expect(await codeOf((await callerFor(db, host.userId)).students.get({ userId: student.userId }))).toBe("NOT_FOUND");
  });

  it("with an open application sees the applicant view and the CV, each read logged for the student; loses both when it rejects the application", async () => {
    const application = await apply();
    const hostApi = await callerFor(db, host.userId);
    const seen = await hostApi.students.get({ userId: student.userId });
    expect(seen.view).toBe("applicant");
    expect(keysOf(seen)).toEqual(["view", ...studentFieldsByView.applicant].sort());
    expect(seen).toMatchObject({ name: secrets.name, birthDate: secrets.birthDate, mobile: secrets.mobile });
    expect((await readCv(db, await sessionOf(host.userId), student.userId))?.fileName).toBe("简历.pdf");
    // Another verified enterprise, without an application, still sees the visible profile only.
    expect((await (await callerFor(db, (await createEnterprise(db)).userId)).students.get({ userId: student.userId })).view).toBe("visibleProfile");

    const log = await (await callerFor(db, student.userId)).students.accessLog();
    expect(log.map((e) => e.what).sort()).toEqual(["cv", "profile"]);
    const hostName = (await hostApi.organisations.get({ organisationId: host.organisationId })).name;
    expect(log.every((e) => e.organisationName === hostName && e.viewerRole === "enterprise")).toBe(true);
    // The log is the student's own: another student's is empty.
    const classmate = await createStudent(db, (await createInvitationFor(db, school)).code);
    expect(await (await callerFor(db, classmate.userId)).students.accessLog()).toEqual([]);

    await hostApi.applications.move({ organisationId: host.organisationId, applicationId: application.id, move: { action: "reject", reason: "岗位已满" } });
    const after = await hostApi.students.get({ userId: student.userId });
    expect(after.view).toBe("visibleProfile");
    expect(JSON.stringify(after)).not.toContain(secrets.mobile);
    expect(await readCv(db, await sessionOf(host.userId), student.userId)).toBeNull();
    // The pipeline keeps the closed application under the display name only.
    const pipeline = await hostApi.applications.applicants({ organisationId: host.organisationId, postingId });
    expect(pipeline.items.map((i) => i.studentName)).toEqual(["王同学"]);
    expect(await logRows()).toBe(2);
  });

  it("loses the applicant view when the student withdraws", async () => {
    const application = await apply();
    const hostApi = await callerFor(db, host.userId);
    expect((await hostApi.applications.applicants({ organisationId: host.organisationId, postingId })).items.map((i) => i.studentName)).toEqual([secrets.name]);
    expect((await hostApi.students.get({ userId: student.userId })).view).toBe("applicant");
    await (await callerFor(db, student.userId)).applications.withdraw({ applicationId: application.id });
    expect((await hostApi.students.get({ userId: student.userId })).view).toBe("visibleProfile");
    expect(await readCv(db, await sessionOf(host.userId), student.userId)).toBeNull();
  });

  it("keeps the applicant view through a placement, and its reads of the placement page are logged as contact", async () => {
    const application = await apply();
    const hostApi = await callerFor(db, host.userId);
    await hostApi.applications.move({ organisationId: host.organisationId, applicationId: application.id, move: { action: "offer", offerStartDate: monthStart(4), offerNote: "" } });
    const { placementId } = await (await callerFor(db, student.userId)).applications.respond({ applicationId: application.id, accept: true });
    expect((await hostApi.students.get({ userId: student.userId })).view).toBe("applicant");
    const before = await logRows();
    const page = await hostApi.placements.get({ placementId: placementId! });
    expect(page.student.mobile).toBe(secrets.mobile);
    const log = await (await callerFor(db, student.userId)).students.accessLog();
    expect(await logRows()).toBe(before + 1);
    expect(log[0]?.what).toBe("contact");
    // The school's own staff read the same page without a log entry.
    await (await callerFor(db, school.userId)).placements.get({ placementId: placementId! });
    expect(await logRows()).toBe(before + 1);
  });
});

describe("schools, administrators and the student", () => {
  it("staff of another school see nothing; the student's own school sees everything, unlogged", async () => {
    const other = await createSchool(db);
    expect(await codeOf((await callerFor(db, other.userId)).students.get({ userId: student.userId }))).toBe("NOT_FOUND");
    expect(await readCv(db, await sessionOf(other.userId), student.userId)).toBeNull();
    const own = await (await callerFor(db, school.userId)).students.get({ userId: student.userId });
    expect(own.view).toBe("school");
    expect(keysOf(own)).toEqual(["view", ...studentFieldsByView.school].sort());
    expect(own.birthDate).toBe(secrets.birthDate);
    expect(await readCv(db, await sessionOf(school.userId), student.userId)).not.toBeNull();
    expect(await logRows()).toBe(0);
  });

  it("administrators see everything, and each read of the profile or CV is in the student's log", async () => {
    const seen = await (await callerFor(db, adminId)).students.get({ userId: student.userId });
    expect(seen.view).toBe("admin");
    expect(seen.mobile).toBe(secrets.mobile);
    expect(await readCv(db, await sessionOf(adminId), student.userId)).not.toBeNull();
    const log = await (await callerFor(db, student.userId)).students.accessLog();
    expect(log.map((e) => [e.viewerRole, e.organisationName, e.what]).sort()).toEqual([
      ["admin", null, "cv"],
      ["admin", null, "profile"],
    ]);
  });

  it("anonymous callers and other students see nothing", async () => {
    expect(await codeOf((await callerFor(db)).students.get({ userId: student.userId }))).toBe("UNAUTHORIZED");
    const classmate = await createStudent(db, (await createInvitationFor(db, school)).code);
    expect(await codeOf((await callerFor(db, classmate.userId)).students.get({ userId: student.userId }))).toBe("NOT_FOUND");
    expect(await readCv(db, await sessionOf(classmate.userId), student.userId)).toBeNull();
    expect(await codeOf((await callerFor(db, school.userId)).students.accessLog())).toBe("FORBIDDEN");
  });
});

describe("the table in code", () => {
  it("is what the procedures return: the student's own profile, and students matched to a posting", async () => {
    const me = await (await callerFor(db, student.userId)).students.me();
    expect(keysOf(me)).toEqual(["view", ...studentFieldsByView.self].sort());
    const match = await (await callerFor(db, host.userId)).match.forPosting({ organisationId: host.organisationId, postingId });
    const found = match.students.find((s) => s.userId === student.userId)!;
    expect(found).toBeDefined();
    const { score: _score, explanation: _explanation, ...profile } = found;
    expect(keysOf(profile)).toEqual([...studentFieldsByView.visibleProfile].sort());
    expect(profile.displayName).toBe("王同学");
    expect(JSON.stringify(match)).not.toContain(secrets.name);
  });

  it("never puts contact data, birth date or the CV in the visible profile", () => {
    for (const field of ["name", "email", "mobile", "birthDate", "cvFileName", "cvFileSize"]) expect(studentFieldsByView.visibleProfile).not.toContain(field);
    for (const field of ["email", "mobile", "birthDate", "cvFileName"]) expect(studentFieldsByView.applicant).toContain(field);
  });
});
