import { createHash, randomInt, timingSafeEqual } from "node:crypto";
import { and, eq, gt, isNull, or, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Db, Runner } from "../../db/create";
import { memberships, passwordResetCodes, studentProfiles, users } from "../../db/schema";
import { withTransaction } from "../../db/transaction";
import { audit } from "../admin/audit";
import type { changePasswordInput, resetPasswordInput } from "../schemas/account-security";
import { FieldError, MessageError, type SessionUser } from "../trpc";
import { hashPassword, verifyPassword } from "./password";

/** How long a reset code may be used after it is issued. */
export const resetCodeValidMs = 24 * 60 * 60 * 1000;

/**
 * Ends every session of the user: session tokens carry the version they were issued with, and a request
 * whose token's version is not the user's current one is anonymous (createContext). With `ifVersion`, only
 * a current token can do it, so a stale copied token cannot sign its owner out again and again.
 */
export async function endSessions(db: Runner, userId: string, ifVersion?: number) {
  const where = ifVersion === undefined ? eq(users.id, userId) : and(eq(users.id, userId), eq(users.sessionVersion, ifVersion));
  await db
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: new Date() })
    .where(where);
}

/** The signed-in user changes their password: the current one is required; every session ends. */
export async function changePassword(db: Db, userId: string, input: z.output<typeof changePasswordInput>) {
  const [user] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId)).limit(1);
  if (!user || !(await verifyPassword(input.currentPassword, user.passwordHash))) {
    throw new FieldError({ currentPassword: "errors.currentPasswordWrong" });
  }
  const passwordHash = await hashPassword(input.newPassword);
  await db
    .update(users)
    .set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: new Date() })
    .where(eq(users.id, userId));
}

const codeAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/** Codes are random (60 bits), so a plain SHA-256 digest is enough at rest: there is nothing to guess offline. */
export function digestResetCode(code: string) {
  return createHash("sha256").update(code.replace(/[\s-]/g, "").toUpperCase()).digest("hex");
}

function newResetCode() {
  const chars = Array.from({ length: 12 }, () => codeAlphabet[randomInt(codeAlphabet.length)]).join("");
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;
}

/**
 * Who may issue a reset code for whom: staff of a student's own school for that student; an administrator
 * for a school's or an enterprise's staff member. Nobody else, and never for an administrator.
 */
export async function mayIssueResetCode(db: Runner, actor: SessionUser, targetUserId: string): Promise<boolean> {
  if (actor.id === targetUserId) return false;
  const [target] = await db.select({ role: users.role }).from(users).where(eq(users.id, targetUserId)).limit(1);
  if (!target) return false;
  if (actor.role === "admin") return target.role === "school" || target.role === "enterprise";
  if (actor.role !== "school" || target.role !== "student") return false;
  const [staff] = await db
    .select({ userId: memberships.userId })
    .from(studentProfiles)
    .innerJoin(memberships, and(eq(memberships.organisationId, studentProfiles.schoolId), eq(memberships.userId, actor.id)))
    .where(eq(studentProfiles.userId, targetUserId))
    .limit(1);
  return !!staff;
}

/**
 * Issues a one-time code for the user (named by id, or by email or mobile number); it is returned once and
 * stored only as a digest. Any unused code issued before is withdrawn, so at most one code of a user works
 * at a time. An unknown account is refused exactly like one the caller may not reset.
 */
export async function issueResetCode(db: Db, actor: SessionUser, target: string | { userId?: string; identifier?: string }, now = new Date()) {
  const { userId, identifier } = typeof target === "string" ? { userId: target, identifier: undefined } : target;
  const key = identifier?.trim().toLowerCase();
  const [user] = userId
    ? await db.select({ id: users.id, name: users.name }).from(users).where(eq(users.id, userId)).limit(1)
    : key
      ? await db.select({ id: users.id, name: users.name }).from(users).where(or(eq(users.email, key), eq(users.mobile, key))).limit(1)
      : [];
  if (!user || !(await mayIssueResetCode(db, actor, user.id))) throw new MessageError("FORBIDDEN", "errors.resetCodeForbidden");
  const targetUserId = user.id;
  // The code and its digest are made before the transaction: its body waits on nothing but the database.
  const code = newResetCode();
  const codeHash = digestResetCode(code);
  const expiresAt = new Date(now.getTime() + resetCodeValidMs);
  await withTransaction(db, async (tx) => {
    await tx.delete(passwordResetCodes).where(and(eq(passwordResetCodes.userId, targetUserId), isNull(passwordResetCodes.usedAt)));
    await tx.insert(passwordResetCodes).values({ id: crypto.randomUUID(), userId: targetUserId, codeHash, issuedBy: actor.id, expiresAt });
    // Who reset whose password is on record (never the code).
    await audit(tx, { actorId: actor.id, action: "account.resetCode", targetType: "user", targetId: targetUserId, summary: user.name });
  });
  return { code, expiresAt, name: user.name };
}

/**
 * Sets a new password with a reset code: the code must be the user's, unused and unexpired. The answer is the
 * same for an unknown account and a wrong code; the code is spent in the same transaction as the password is
 * written (so it works once even under a race), and every session of the user ends.
 */
export async function resetPasswordWithCode(db: Db, input: z.output<typeof resetPasswordInput>, now = new Date()) {
  // Hashed first, whatever the outcome, so timing does not tell whether the account exists.
  const passwordHash = await hashPassword(input.newPassword);
  const key = input.identifier.trim().toLowerCase();
  const [user] = await db
    .select({ id: users.id })
    .from(users)
    .where(or(eq(users.email, key), eq(users.mobile, key)))
    .limit(1);
  const digest = Buffer.from(digestResetCode(input.code), "hex");
  const candidates = user
    ? await db
        .select({ id: passwordResetCodes.id, codeHash: passwordResetCodes.codeHash })
        .from(passwordResetCodes)
        .where(and(eq(passwordResetCodes.userId, user.id), isNull(passwordResetCodes.usedAt), gt(passwordResetCodes.expiresAt, now)))
    : [];
  const match = candidates.find((c) => timingSafeEqual(Buffer.from(c.codeHash, "hex"), digest));
  const invalid = () => new FieldError({ code: "errors.resetCodeInvalid" });
  if (!user || !match) throw invalid();
  await withTransaction(db, async (tx) => {
    const spent = await tx
      .update(passwordResetCodes)
      .set({ usedAt: now })
      .where(and(eq(passwordResetCodes.id, match.id), isNull(passwordResetCodes.usedAt)))
      .returning({ id: passwordResetCodes.id });
    if (spent.length !== 1) throw invalid();
    await tx
      .update(users)
      .set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: new Date() })
      .where(eq(users.id, user.id));
  });
}
