import { TRPCError } from "@trpc/server";
import { count, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/create";
import { invitations, organisations, studentProfiles, users } from "@/db/schema";
import { verifyCredentials } from "@/server/accounts/sign-up";
import { resetRateLimits } from "@/server/security/rate-limit";
import { callerFor, createTestDb } from "../helpers/db";
import { createInvitationFor, createSchool, enterpriseInput, schoolInput, studentInput, testPassword } from "../helpers/factories";

let db: Db;
beforeEach(async () => {
  db = await createTestDb();
  // These tests sign up far more accounts from one address than the limit allows a person.
  resetRateLimits();
});

const countRows = async (table: typeof users | typeof organisations | typeof studentProfiles) => (await db.select({ n: count() }).from(table).limit(1))[0]!.n;

/** Runs a call expected to fail and returns its tRPC error shape as a client would see it. */
async function failure(call: Promise<unknown>) {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return error as TRPCError;
}

describe("enterprise sign-up", () => {
  it("creates the user, the pending enterprise and the owner membership", async () => {
    const anon = await callerFor(db);
    const { userId, organisationId } = await anon.accounts.signUpEnterprise(enterpriseInput({ email: "Boss@Example.cn" }));
    const org = (await db.select().from(organisations).where(eq(organisations.id, organisationId)).limit(1))[0]!;
    expect(org).toMatchObject({ kind: "enterprise", verificationStatus: "pending", industryCode: "6513" });
    const me = await (await callerFor(db, userId)).accounts.me();
    expect(me.email).toBe("boss@example.cn");
    expect(me.memberships).toEqual([expect.objectContaining({ organisationId, role: "owner", kind: "enterprise" })]);
    expect(await verifyCredentials(db, "BOSS@example.cn", testPassword)).toMatchObject({ id: userId, role: "enterprise" });
    expect(await verifyCredentials(db, "boss@example.cn", "wrong-password1")).toBeNull();
  });

  it("refuses a USCC with a wrong check character, saying so, and writes nothing", async () => {
    const anon = await callerFor(db);
    const error = await failure(anon.accounts.signUpEnterprise(enterpriseInput({ uscc: "91350100M000100Y44" })));
    expect(error.code).toBe("BAD_REQUEST");
    expect(await countRows(users)).toBe(0);
    expect(await countRows(organisations)).toBe(0);
  });

  it("refuses a duplicate email, mobile and USCC with CONFLICT on the right field", async () => {
    const anon = await callerFor(db);
    const first = enterpriseInput({ mobile: "13800138000" });
    await anon.accounts.signUpEnterprise(first);
    const sameEmail = await failure(anon.accounts.signUpEnterprise(enterpriseInput({ email: first.email })));
    expect(sameEmail.code).toBe("CONFLICT");
    expect((sameEmail as TRPCError & { fields: object }).fields).toEqual({ email: "errors.emailTaken" });
    const sameMobile = await failure(anon.accounts.signUpEnterprise(enterpriseInput({ email: undefined, mobile: "13800138000" })));
    expect((sameMobile as TRPCError & { fields: object }).fields).toEqual({ mobile: "errors.mobileTaken" });
    const sameUscc = await failure(anon.accounts.signUpEnterprise(enterpriseInput({ uscc: first.uscc })));
    expect((sameUscc as TRPCError & { fields: object }).fields).toEqual({ uscc: "errors.usccTaken" });
    expect(await countRows(users)).toBe(1);
  });

  it("refuses weak passwords, unknown regions and unknown industries", async () => {
    const anon = await callerFor(db);
    expect((await failure(anon.accounts.signUpEnterprise(enterpriseInput({ password: "abcdefgh" })))).code).toBe("BAD_REQUEST");
    const region = await failure(anon.accounts.signUpEnterprise(enterpriseInput({ regionCode: "449999" })));
    expect((region as TRPCError & { fields: object }).fields).toEqual({ regionCode: "errors.region" });
    const city = await failure(anon.accounts.signUpEnterprise(enterpriseInput({ regionCode: "440100" })));
    expect((city as TRPCError & { fields: object }).fields).toEqual({ regionCode: "errors.region" });
    const province = await failure(anon.accounts.signUpEnterprise(enterpriseInput({ regionCode: "440000" })));
    expect((province as TRPCError & { fields: object }).fields).toEqual({ regionCode: "errors.region" });
    const industry = await failure(anon.accounts.signUpEnterprise(enterpriseInput({ industryCode: "9999" })));
    expect((industry as TRPCError & { fields: object }).fields).toEqual({ industryCode: "errors.industryUnknown" });
    expect(await countRows(users)).toBe(0);
  });

  it("accepts a city without counties (东莞) as the region", async () => {
    const anon = await callerFor(db);
    await expect(anon.accounts.signUpEnterprise(enterpriseInput({ regionCode: "441900" }))).resolves.toBeTruthy();
  });

  it("requires an email or a mobile number", async () => {
    const anon = await callerFor(db);
    const error = await failure(anon.accounts.signUpEnterprise(enterpriseInput({ email: "" })));
    expect(JSON.stringify(error.cause)).toContain("errors.identifierMissing");
  });
});

describe("school sign-up", () => {
  it("registers the school with its level and refuses a taken school code", async () => {
    const anon = await callerFor(db);
    const input = schoolInput({ schoolLevel: "secondary" });
    const { organisationId } = await anon.accounts.signUpSchool(input);
    expect((await db.select().from(organisations).where(eq(organisations.id, organisationId)).limit(1))[0]).toMatchObject({ kind: "school", schoolLevel: "secondary", schoolCode: input.schoolCode });
    const dup = await failure(anon.accounts.signUpSchool(schoolInput({ schoolCode: input.schoolCode })));
    expect((dup as TRPCError & { fields: object }).fields).toEqual({ schoolCode: "errors.schoolCodeTaken" });
  });
});

describe("student sign-up with an invitation code", () => {
  it("joins the school of the code and counts the use", async () => {
    const school = await createSchool(db);
    const invitation = await createInvitationFor(db, school, { maxUses: 2 });
    const anon = await callerFor(db);
    const { userId, schoolId } = await anon.accounts.signUpStudent(studentInput(invitation.code.toLowerCase()));
    expect(schoolId).toBe(school.organisationId);
    const me = await (await callerFor(db, userId)).students.me();
    expect(me).toMatchObject({ schoolId: school.organisationId, specialtyCode: "510201", specialtyName: "计算机应用技术" });
    expect((await db.select().from(invitations).where(eq(invitations.id, invitation.id)).limit(1))[0]!.usedCount).toBe(1);
  });

  it("refuses a wrong code, a used-up code and a revoked code, writing nothing", async () => {
    const school = await createSchool(db);
    const invitation = await createInvitationFor(db, school, { maxUses: 1 });
    const anon = await callerFor(db);
    const wrong = await failure(anon.accounts.signUpStudent(studentInput("ZZZZ-9999")));
    expect((wrong as TRPCError & { fields: object }).fields).toEqual({ invitationCode: "errors.invitationUnknown" });
    await anon.accounts.signUpStudent(studentInput(invitation.code));
    const usedUp = await failure(anon.accounts.signUpStudent(studentInput(invitation.code)));
    expect((usedUp as TRPCError & { fields: object }).fields).toEqual({ invitationCode: "errors.invitationUsedUp" });
    const staff = await callerFor(db, school.userId);
    const other = await createInvitationFor(db, school);
    await staff.organisations.invitations.revoke({ organisationId: school.organisationId, invitationId: other.id });
    const revoked = await failure(anon.accounts.signUpStudent(studentInput(other.code)));
    expect((revoked as TRPCError & { fields: object }).fields).toEqual({ invitationCode: "errors.invitationRevoked" });
    expect(await countRows(studentProfiles)).toBe(1);
  });

  it("lets exactly one of many parallel sign-ups take a code's last use", async () => {
    const school = await createSchool(db);
    const invitation = await createInvitationFor(db, school, { maxUses: 1 });
    const anon = await callerFor(db);
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => anon.accounts.signUpStudent(studentInput(invitation.code))));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await countRows(studentProfiles)).toBe(1);
  });

  it("refuses a birth date in the future, a specialty that is not a 专业, and an implausible enrolment year", async () => {
    const school = await createSchool(db);
    const invitation = await createInvitationFor(db, school);
    const anon = await callerFor(db);
    const future = await failure(anon.accounts.signUpStudent(studentInput(invitation.code, { birthDate: "2999-01-01" })));
    expect(JSON.stringify(future.cause)).toContain("errors.birthDateFuture");
    const notReal = await failure(anon.accounts.signUpStudent(studentInput(invitation.code, { birthDate: "2005-02-30" })));
    expect(JSON.stringify(notReal.cause)).toContain("errors.birthDate");
    const group = await failure(anon.accounts.signUpStudent(studentInput(invitation.code, { specialtyCode: "5102" })));
    expect((group as TRPCError & { fields: object }).fields).toEqual({ specialtyCode: "errors.specialtyNotMajor" });
    const early = await failure(anon.accounts.signUpStudent(studentInput(invitation.code, { birthDate: "2010-01-01", enrolmentYear: 2015 })));
    expect(JSON.stringify(early.cause)).toContain("errors.enrolmentBeforeBirth");
    expect(await countRows(studentProfiles)).toBe(0);
  });
});

describe("no account enumeration through sign-up", () => {
  /** What a client learns from a refused sign-up: status, message and field errors. */
  const answer = (error: TRPCError) => ({ code: error.code, message: error.message, fields: (error as TRPCError & { fields?: object }).fields });

  it("answers a taken email with a wrong invitation code exactly like a free email with a wrong code", async () => {
    const school = await createSchool(db);
    const invitation = await createInvitationFor(db, school);
    const anon = await callerFor(db);
    await anon.accounts.signUpStudent(studentInput(invitation.code, { email: "taken@example.cn", mobile: "13700000001" }));
    const taken = await failure(anon.accounts.signUpStudent(studentInput("ZZZZ-9999", { email: "taken@example.cn", mobile: "13700000001" })));
    const free = await failure(anon.accounts.signUpStudent(studentInput("ZZZZ-9999", { email: "free@example.cn", mobile: "13700000002" })));
    expect(answer(taken)).toEqual(answer(free));
    expect(answer(taken)).toEqual({ code: "BAD_REQUEST", message: "errors.invitationUnknown", fields: { invitationCode: "errors.invitationUnknown" } });
    // A specialty that is not a 专业 is also answered before the account's existence.
    const specialty = await failure(anon.accounts.signUpStudent(studentInput(invitation.code, { email: "taken@example.cn", specialtyCode: "5102" })));
    expect(answer(specialty).fields).toEqual({ specialtyCode: "errors.specialtyNotMajor" });
    // Only with every other check passed does the taken email show.
    const last = await failure(anon.accounts.signUpStudent(studentInput(invitation.code, { email: "taken@example.cn" })));
    expect(answer(last)).toMatchObject({ code: "CONFLICT", fields: { email: "errors.emailTaken" } });
  });

  it("answers a taken email or mobile with an unknown region like a free one, for enterprises and schools", async () => {
    const anon = await callerFor(db);
    await anon.accounts.signUpEnterprise(enterpriseInput({ email: "boss@example.cn", mobile: "13800000001" }));
    const takenEnterprise = await failure(anon.accounts.signUpEnterprise(enterpriseInput({ email: "boss@example.cn", mobile: "13800000001", regionCode: "449999" })));
    const freeEnterprise = await failure(anon.accounts.signUpEnterprise(enterpriseInput({ email: "new@example.cn", mobile: "13800000002", regionCode: "449999" })));
    expect(answer(takenEnterprise)).toEqual(answer(freeEnterprise));
    expect(answer(takenEnterprise).fields).toEqual({ regionCode: "errors.region" });
    const takenSchool = await failure(anon.accounts.signUpSchool(schoolInput({ email: "boss@example.cn", regionCode: "440100" })));
    const freeSchool = await failure(anon.accounts.signUpSchool(schoolInput({ email: "other@example.cn", regionCode: "440100" })));
    expect(answer(takenSchool)).toEqual(answer(freeSchool));
  });

  it("signs in no differently for an unknown account than for a wrong password", async () => {
    const anon = await callerFor(db);
    await anon.accounts.signUpEnterprise(enterpriseInput({ email: "known@example.cn" }));
    expect(await verifyCredentials(db, "known@example.cn", "Wrong-pass1")).toBeNull();
    expect(await verifyCredentials(db, "unknown@example.cn", "Wrong-pass1")).toBeNull();
  });
});
