import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/create";
import { auditLog, passwordResetCodes, users } from "@/db/schema";
import { digestResetCode, endSessions, issueResetCode, resetCodeValidMs } from "@/server/accounts/sessions";
import { verifyCredentials } from "@/server/accounts/sign-up";
import { createCaller } from "@/server/root";
import { resetRateLimits } from "@/server/security/rate-limit";
import { createContext, type SessionUser } from "@/server/trpc";
import { callerFor, createTestDb } from "../helpers/db";
import { createAdmin, createEnterprise, createInvitationFor, createSchool, createStudent, testPassword } from "../helpers/factories";

let db: Db;
beforeEach(async () => {
  db = await createTestDb();
  resetRateLimits();
});

const versionOf = async (userId: string) => (await db.select({ v: users.sessionVersion }).from(users).where(eq(users.id, userId)).limit(1))[0]!.v;
const emailOf = async (userId: string) => (await db.select({ email: users.email }).from(users).where(eq(users.id, userId)).limit(1))[0]!.email!;
/** The context of a request whose session token was issued at `sessionVersion`. */
const requestAs = (userId: string, sessionVersion: number) => createContext({ db, userId, sessionVersion });

async function failure(call: Promise<unknown>) {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return error as TRPCError & { fields?: Record<string, string> };
}

/** A school with its owner, a second staff member's school, a student of the first, an enterprise and an administrator. */
async function people() {
  const school = await createSchool(db);
  const otherSchool = await createSchool(db);
  const student = await createStudent(db, (await createInvitationFor(db, school)).code);
  const otherStudent = await createStudent(db, (await createInvitationFor(db, otherSchool)).code);
  const enterprise = await createEnterprise(db);
  const admin = await createAdmin(db);
  return { school, otherSchool, student, otherStudent, enterprise, admin };
}

describe("session versions", () => {
  it("make a token from before a sign-out anonymous, on every request, while a new token works", async () => {
    const { student } = await people();
    expect((await requestAs(student.userId, 0)).user?.id).toBe(student.userId);
    // Signing out (Auth.js events.signOut) ends every session of the user, copied tokens included.
    await endSessions(db, student.userId, 0);
    expect(await versionOf(student.userId)).toBe(1);
    expect((await requestAs(student.userId, 0)).user).toBeNull();
    await expect(createCaller(await requestAs(student.userId, 0)).students.me()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    expect((await requestAs(student.userId, 1)).user?.id).toBe(student.userId);
    // A stale token cannot sign its owner out again (its version is not current).
    await endSessions(db, student.userId, 0);
    expect(await versionOf(student.userId)).toBe(1);
    // A token without a version (issued before versions existed) is given -1 and never matches.
    expect((await requestAs(student.userId, -1)).user).toBeNull();
  });
});

describe("changing one's password", () => {
  it("needs the current password, keeps sign-up's strength rule, and ends every session", async () => {
    const { enterprise } = await people();
    const email = await emailOf(enterprise.userId);
    const api = createCaller(await requestAs(enterprise.userId, 0));

    const wrong = await failure(api.accounts.changePassword({ currentPassword: "Not-my-pass1", newPassword: "Brand-new-pass2" }));
    expect(wrong.fields).toEqual({ currentPassword: "errors.currentPasswordWrong" });
    const weak = await failure(api.accounts.changePassword({ currentPassword: testPassword, newPassword: "abcdefgh" }));
    expect(weak.code).toBe("BAD_REQUEST");
    const same = await failure(api.accounts.changePassword({ currentPassword: testPassword, newPassword: testPassword }));
    expect(JSON.stringify(same.cause)).toContain("errors.passwordUnchanged");
    expect(await versionOf(enterprise.userId)).toBe(0);
    expect(await verifyCredentials(db, email, testPassword)).not.toBeNull();

    await api.accounts.changePassword({ currentPassword: testPassword, newPassword: "Brand-new-pass2" });
    expect(await verifyCredentials(db, email, testPassword)).toBeNull();
    expect(await verifyCredentials(db, email, "Brand-new-pass2")).toMatchObject({ id: enterprise.userId, sessionVersion: 1 });
    expect((await requestAs(enterprise.userId, 0)).user).toBeNull();
  });

  it("throttles guesses of the current password (a stolen session cannot try many)", async () => {
    const { enterprise } = await people();
    const api = createCaller(await createContext({ db, userId: enterprise.userId, sessionVersion: 0, address: "203.0.113.5" }));
    for (let i = 0; i < 3; i++) await failure(api.accounts.changePassword({ currentPassword: `Guess-${i}-pass`, newPassword: "Brand-new-pass2" }));
    const throttled = await failure(api.accounts.changePassword({ currentPassword: testPassword, newPassword: "Brand-new-pass2" }));
    expect(throttled.code).toBe("TOO_MANY_REQUESTS");
    expect(await versionOf(enterprise.userId)).toBe(0);
  });
});

describe("password reset codes", () => {
  it("are issued for a student only by staff of the student's own school, not another school, an enterprise, the student or an administrator", async () => {
    const { school, otherSchool, student, otherStudent, enterprise, admin } = await people();
    const issue = async (userId: string | null, target: string) => (await callerFor(db, userId)).accounts.issueResetCode({ userId: target });
    const issued = await issue(school.userId, student.userId);
    expect(issued.code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    for (const outsider of [otherSchool.userId, enterprise.userId, student.userId, otherStudent.userId, admin.id]) {
      expect((await failure(issue(outsider, student.userId))).code).toBe("FORBIDDEN");
    }
    expect((await failure(issue(null, student.userId))).code).toBe("UNAUTHORIZED");
    // Staff cannot reset a colleague's or another school's staff password, nor one of another school's students.
    expect((await failure(issue(school.userId, otherSchool.userId))).code).toBe("FORBIDDEN");
    expect((await failure(issue(school.userId, otherStudent.userId))).code).toBe("FORBIDDEN");
    // By email too, and an unknown account is refused exactly like a forbidden one.
    const byEmail = await (await callerFor(db, school.userId)).accounts.issueResetCode({ identifier: (await emailOf(student.userId)).toUpperCase() });
    expect(byEmail.name).toBeTruthy();
    const unknown = await failure((await callerFor(db, school.userId)).accounts.issueResetCode({ identifier: "nobody@example.cn" }));
    const forbidden = await failure((await callerFor(db, school.userId)).accounts.issueResetCode({ identifier: await emailOf(otherStudent.userId) }));
    expect([unknown.code, unknown.message]).toEqual([forbidden.code, forbidden.message]);
  });

  it("are kept only as a digest, work once, end every session and replace earlier codes", async () => {
    const { school, student } = await people();
    const staff = await callerFor(db, school.userId);
    const first = await staff.accounts.issueResetCode({ userId: student.userId });
    const { code } = await staff.accounts.issueResetCode({ userId: student.userId });
    const rows = await db.select().from(passwordResetCodes).where(eq(passwordResetCodes.userId, student.userId));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.codeHash).toBe(digestResetCode(code));
    expect(JSON.stringify(rows)).not.toContain(code.replace(/-/g, ""));
    expect(JSON.stringify(rows)).not.toContain(code);
    // Each issue is on the audit log, without the code.
    const logged = await db.select().from(auditLog).where(eq(auditLog.action, "account.resetCode"));
    expect(logged.map((e) => [e.actorId, e.targetId])).toEqual([
      [school.userId, student.userId],
      [school.userId, student.userId],
    ]);
    expect(JSON.stringify(logged)).not.toContain(code);

    const anon = await callerFor(db);
    const email = await emailOf(student.userId);
    const replaced = await failure(anon.accounts.resetPassword({ identifier: email, code: first.code, newPassword: "Reset-pass-2026" }));
    expect(replaced.fields).toEqual({ code: "errors.resetCodeInvalid" });

    await anon.accounts.resetPassword({ identifier: email, code: code.toLowerCase(), newPassword: "Reset-pass-2026" });
    expect(await verifyCredentials(db, email, "Reset-pass-2026")).toMatchObject({ id: student.userId });
    expect(await verifyCredentials(db, email, testPassword)).toBeNull();
    expect((await requestAs(student.userId, 0)).user).toBeNull();

    const again = await failure(anon.accounts.resetPassword({ identifier: email, code, newPassword: "Other-pass-2027" }));
    expect(again.fields).toEqual({ code: "errors.resetCodeInvalid" });
    expect(await verifyCredentials(db, email, "Reset-pass-2026")).not.toBeNull();
  });

  it("expire after 24 hours, belong to one account, and answer an unknown account like a wrong code", async () => {
    const { school, student, otherStudent } = await people();
    const staff = (await createContext({ db, userId: school.userId })).user as SessionUser;
    const old = await issueResetCode(db, staff, student.userId, new Date(Date.now() - resetCodeValidMs - 1000));
    const anon = await callerFor(db);
    const expired = await failure(anon.accounts.resetPassword({ identifier: await emailOf(student.userId), code: old.code, newPassword: "Reset-pass-2026" }));
    expect(expired.fields).toEqual({ code: "errors.resetCodeInvalid" });

    const fresh = await issueResetCode(db, staff, student.userId);
    const otherAccount = await failure(anon.accounts.resetPassword({ identifier: await emailOf(otherStudent.userId), code: fresh.code, newPassword: "Reset-pass-2026" }));
    const unknown = await failure(anon.accounts.resetPassword({ identifier: "nobody@example.cn", code: fresh.code, newPassword: "Reset-pass-2026" }));
    expect([unknown.code, unknown.message, unknown.fields]).toEqual([otherAccount.code, otherAccount.message, otherAccount.fields]);
    expect(await versionOf(otherStudent.userId)).toBe(0);
    expect(await versionOf(student.userId)).toBe(0);
  });

  it("are guessed no faster than sign-ins", async () => {
    const { student } = await people();
    const anon = createCaller(await createContext({ db, userId: null, address: "203.0.113.8" }));
    const email = await emailOf(student.userId);
    for (let i = 0; i < 3; i++) await failure(anon.accounts.resetPassword({ identifier: email, code: `AAAA-BBBB-CCC${i + 2}`, newPassword: "Reset-pass-2026" }));
    expect((await failure(anon.accounts.resetPassword({ identifier: email, code: "AAAA-BBBB-CCCC", newPassword: "Reset-pass-2026" }))).code).toBe("TOO_MANY_REQUESTS");
  });

  it("are issued by an administrator for a school's or an enterprise's staff member, not for another administrator", async () => {
    const { school, enterprise, admin } = await people();
    const otherAdmin = await createAdmin(db);
    const api = await callerFor(db, admin.id);
    const forSchool = await api.accounts.issueResetCode({ userId: school.userId });
    await api.accounts.issueResetCode({ userId: enterprise.userId });
    expect((await failure(api.accounts.issueResetCode({ userId: otherAdmin.id }))).code).toBe("FORBIDDEN");
    expect((await failure((await callerFor(db, school.userId)).accounts.issueResetCode({ userId: enterprise.userId }))).code).toBe("FORBIDDEN");
    await (await callerFor(db)).accounts.resetPassword({ identifier: await emailOf(school.userId), code: forSchool.code, newPassword: "Reset-pass-2026" });
    expect(await verifyCredentials(db, await emailOf(school.userId), "Reset-pass-2026")).toMatchObject({ id: school.userId, sessionVersion: 1 });
  });
});
