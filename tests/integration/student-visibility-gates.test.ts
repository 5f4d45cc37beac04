import { TRPCError } from "@trpc/server";
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/create";
import { studentAccessLog } from "@/db/schema";
import { logPlacementRead, readStudent, studentAccessFor } from "@/server/students/visibility";
import { createContext } from "@/server/trpc";
import { createTestDb } from "../helpers/db";
import { createAdmin, createEnterprise, createInvitationFor, createSchool, createStudent } from "../helpers/factories";

/**
 * The gates of server/students/visibility.ts that StrykerJS found unguarded (README "Mutation testing"): an
 * enterprise not yet verified sees nothing of a student who lets enterprises find them, the refusal is the plain
 * NOT_FOUND, and a placement page's reads are logged for the host (with its organisation) and administrators only.
 */
let db: Db;
let student: Awaited<ReturnType<typeof createStudent>>;
let school: Awaited<ReturnType<typeof createSchool>>;
const sessionOf = async (userId: string) => (await createContext({ db, userId })).user!;

beforeEach(async () => {
  db = await createTestDb();
  school = await createSchool(db);
  student = await createStudent(db, (await createInvitationFor(db, school)).code);
});

describe("an enterprise not yet verified", () => {
  it("gets no view of a student visible to enterprises, and students.get's refusal is NOT_FOUND", async () => {
    const pending = await createEnterprise(db, {}, { verified: false });
    const viewer = await sessionOf(pending.userId);
    expect(await studentAccessFor(db, viewer, { userId: student.userId, schoolId: school.organisationId, visibleToEnterprises: true })).toBeNull();
    const error = await readStudent(db, viewer, student.userId).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TRPCError);
    expect([(error as TRPCError).code, (error as TRPCError).message]).toEqual(["NOT_FOUND", "errors.NOT_FOUND"]);
  });

  it("is told apart from a verified one, which sees the visible profile", async () => {
    const verified = await createEnterprise(db, { email: "verified@example.cn" });
    const access = await studentAccessFor(db, await sessionOf(verified.userId), { userId: student.userId, schoolId: school.organisationId, visibleToEnterprises: true });
    expect(access).toEqual({ view: "visibleProfile", organisationId: verified.organisationId });
  });
});

describe("reads of a placement page", () => {
  it("are logged for the host with its organisation and for administrators without one, never for the student or school", async () => {
    const host = await createEnterprise(db);
    const admin = await createAdmin(db);
    const placement = { studentId: student.userId, hostId: host.organisationId };
    await logPlacementRead(db, await sessionOf(student.userId), "student", placement);
    await logPlacementRead(db, await sessionOf(school.userId), "school", placement);
    expect(await db.select().from(studentAccessLog)).toEqual([]);
    await logPlacementRead(db, await sessionOf(host.userId), "host", placement);
    await logPlacementRead(db, await sessionOf(admin.id), "admin", placement);
    const rows = await db.select().from(studentAccessLog);
    expect(rows.map((r) => [r.viewerId, r.viewerRole, r.viewerOrganisationId, r.what])).toEqual([
      [host.userId, "enterprise", host.organisationId, "contact"],
      [admin.id, "admin", null, "contact"],
    ]);
  });
});
