import { TRPCError } from "@trpc/server";
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/create";
import { callerFor, createTestDb } from "../helpers/db";
import { createAdmin, createEnterprise, createInvitationFor, createSchool, createStudent } from "../helpers/factories";

let db: Db;
let school: Awaited<ReturnType<typeof createSchool>>;
let student: Awaited<ReturnType<typeof createStudent>>;
beforeEach(async () => {
  db = await createTestDb();
  school = await createSchool(db);
  student = await createStudent(db, (await createInvitationFor(db, school)).code, { birthDate: "2006-03-04" });
});

async function codeOf(call: Promise<unknown>) {
  const error = await call.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(TRPCError);
  return (error as TRPCError).code;
}

const update = { name: "张三", specialtyCode: "510203", enrolmentYear: 2024, birthDate: "2006-03-04", preferredRegions: ["440100", "440305"], bio: "喜欢写代码", visibleToEnterprises: true };

describe("student profiles", () => {
  it("lets the student edit their own profile", async () => {
    const me = await callerFor(db, student.userId);
    await me.students.update(update);
    expect(await me.students.me()).toMatchObject({ name: "张三", specialtyName: "软件技术", preferredRegions: ["440100", "440305"], visibleToEnterprises: true });
  });

  it("refuses unknown regions, too many regions and a future birth date without saving", async () => {
    const me = await callerFor(db, student.userId);
    expect(await codeOf(me.students.update({ ...update, preferredRegions: ["449999"] }))).toBe("BAD_REQUEST");
    expect(await codeOf(me.students.update({ ...update, preferredRegions: ["110000", "120000", "130000", "140000", "150000", "210000"] }))).toBe("BAD_REQUEST");
    expect(await codeOf(me.students.update({ ...update, birthDate: "2999-12-31" }))).toBe("BAD_REQUEST");
    expect((await me.students.me()).birthDate).toBe("2006-03-04");
  });

  it("shows personal data to the student, their school and admins only", async () => {
    const ownSchool = await callerFor(db, school.userId);
    expect((await ownSchool.students.get({ userId: student.userId })).birthDate).toBe("2006-03-04");
    const admin = await callerFor(db, (await createAdmin(db)).id);
    await expect(admin.students.get({ userId: student.userId })).resolves.toBeTruthy();
    const otherSchool = await createSchool(db);
    expect(await codeOf((await callerFor(db, otherSchool.userId)).students.get({ userId: student.userId }))).toBe("NOT_FOUND");
    const enterprise = await createEnterprise(db);
    expect(await codeOf((await callerFor(db, enterprise.userId)).students.get({ userId: student.userId }))).toBe("NOT_FOUND");
    expect(await codeOf((await callerFor(db)).students.get({ userId: student.userId }))).toBe("UNAUTHORIZED");
  });

  it("lists a school's students for its staff, searchable, and refuses other schools", async () => {
    const staff = await callerFor(db, school.userId);
    const list = await staff.students.listForSchool({ organisationId: school.organisationId });
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({ userId: student.userId, specialtyName: "计算机应用技术" });
    expect((await staff.students.listForSchool({ organisationId: school.organisationId, query: "计算机" })).total).toBe(1);
    expect((await staff.students.listForSchool({ organisationId: school.organisationId, query: "护理" })).total).toBe(0);
    const otherSchool = await createSchool(db);
    expect(await codeOf((await callerFor(db, otherSchool.userId)).students.listForSchool({ organisationId: school.organisationId }))).toBe("FORBIDDEN");
  });

  it("refuses student procedures to other roles", async () => {
    expect(await codeOf((await callerFor(db, school.userId)).students.me())).toBe("FORBIDDEN");
    expect(await codeOf((await callerFor(db, school.userId)).students.update(update))).toBe("FORBIDDEN");
  });
});
