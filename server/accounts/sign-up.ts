import { eq, or } from "drizzle-orm";
import type { z } from "zod";
import type { Db, Runner } from "../../db/create";
import { findMajor, industryExists, isLeafRegion } from "../../db/queries/reference";
import { withTransaction } from "../../db/transaction";
import { invitations, memberships, organisations, studentProfiles, users, type UserRole } from "../../db/schema";
import type { MessageKey } from "../i18n/messages";
import type { signUpEnterpriseInput, signUpSchoolInput, signUpStudentInput } from "../schemas/accounts";
import { conflictOnUnique, FieldError } from "../trpc";
import { hashPassword, verifyPassword } from "./password";

type Account = { name: string; email?: string; mobile?: string; password: string };

const uniqueColumns = {
  "users.email": { field: "email", message: "errors.emailTaken" },
  "users.mobile": { field: "mobile", message: "errors.mobileTaken" },
  "organisations.uscc": { field: "uscc", message: "errors.usccTaken" },
  "organisations.school_code": { field: "schoolCode", message: "errors.schoolCodeTaken" },
} satisfies Record<string, { field: string; message: MessageKey }>;

/**
 * Checks the account's email and mobile are free, so the form can say which one is taken. Always the last
 * check before writing: until every other check has passed, a taken email is answered like a free one, so
 * the sign-up form cannot be used to learn who has an account.
 */
async function assertAccountFree(db: Db, account: Account) {
  const conditions = [account.email ? eq(users.email, account.email) : undefined, account.mobile ? eq(users.mobile, account.mobile) : undefined].filter(Boolean);
  if (conditions.length === 0) return;
  const taken = await db.select({ email: users.email, mobile: users.mobile }).from(users).where(or(...conditions));
  const fields: Record<string, MessageKey> = {};
  if (account.email && taken.some((u) => u.email === account.email)) fields.email = "errors.emailTaken";
  if (account.mobile && taken.some((u) => u.mobile === account.mobile)) fields.mobile = "errors.mobileTaken";
  if (Object.keys(fields).length) throw new FieldError(fields, "CONFLICT");
}

async function assertLeafRegion(db: Db, regionCode: string) {
  if (!(await isLeafRegion(db, regionCode))) throw new FieldError({ regionCode: "errors.region" });
}

async function newUser(account: Account, role: UserRole) {
  return {
    id: crypto.randomUUID(),
    name: account.name,
    email: account.email ?? null,
    mobile: account.mobile ?? null,
    role,
    passwordHash: await hashPassword(account.password),
  };
}

/** Writes the user, the organisation (pending verification) and the owner membership in one transaction. */
async function registerOwner(
  db: Db,
  account: Account,
  role: "school" | "enterprise",
  organisation: Omit<typeof organisations.$inferInsert, "id" | "kind" | "contactName" | "contactPhone">,
): Promise<{ userId: string; organisationId: string }> {
  await assertLeafRegion(db, organisation.regionCode);
  await assertAccountFree(db, account);
  const user = await newUser(account, role);
  const organisationId = crypto.randomUUID();
  try {
    await withTransaction(db, async (tx) => {
      await tx.insert(users).values(user);
      await tx.insert(organisations).values({ ...organisation, id: organisationId, kind: role, contactName: account.name, contactPhone: account.mobile ?? "" });
      await tx.insert(memberships).values({ userId: user.id, organisationId, role: "owner" });
    });
  } catch (error) {
    conflictOnUnique(error, uniqueColumns);
  }
  return { userId: user.id, organisationId };
}

/** An enterprise user registers the enterprise and becomes its owner; it waits for verification. */
export async function signUpEnterprise(db: Db, input: z.output<typeof signUpEnterpriseInput>) {
  const [usccTaken] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.uscc, input.uscc)).limit(1);
  if (usccTaken) throw new FieldError({ uscc: "errors.usccTaken" }, "CONFLICT");
  if (!(await industryExists(db, input.industryCode))) throw new FieldError({ industryCode: "errors.industryUnknown" });
  return registerOwner(db, input, "enterprise", {
    name: input.organisationName,
    uscc: input.uscc,
    industryCode: input.industryCode,
    staffCount: input.staffCount,
    integrationCertified: input.integrationCertified,
    regionCode: input.regionCode,
    address: input.address,
  });
}

/** A school user registers the school and becomes its owner; it waits for verification. */
export async function signUpSchool(db: Db, input: z.output<typeof signUpSchoolInput>) {
  const [codeTaken] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.schoolCode, input.schoolCode)).limit(1);
  if (codeTaken) throw new FieldError({ schoolCode: "errors.schoolCodeTaken" }, "CONFLICT");
  return registerOwner(db, input, "school", {
    name: input.organisationName,
    schoolCode: input.schoolCode,
    schoolLevel: input.schoolLevel,
    regionCode: input.regionCode,
    address: input.address,
  });
}

/** Why an invitation cannot be used now, or null when it can. */
export function invitationProblem(
  invitation: { usedCount: number; maxUses: number; expiresAt: Date; revokedAt: Date | null } | undefined,
  now = new Date(),
): MessageKey | null {
  if (!invitation) return "errors.invitationUnknown";
  if (invitation.revokedAt) return "errors.invitationRevoked";
  if (invitation.expiresAt <= now) return "errors.invitationExpired";
  if (invitation.usedCount >= invitation.maxUses) return "errors.invitationUsedUp";
  return null;
}

/** A code of a school that is not (or no longer) verified lets nobody join it (issue 13 M6). */
async function invitationSchoolProblem(db: Runner, schoolId: string): Promise<MessageKey | null> {
  const [school] = await db.select({ status: organisations.verificationStatus }).from(organisations).where(eq(organisations.id, schoolId)).limit(1);
  return school?.status === "verified" ? null : "errors.invitationSchoolNotVerified";
}

/**
 * A student joins a school with one of its invitation codes. The code's use is counted in the same
 * transaction as the account is written, and re-checked there, so two students cannot share its last use.
 */
export async function signUpStudent(db: Db, input: z.output<typeof signUpStudentInput>): Promise<{ userId: string; schoolId: string }> {
  const [found] = await db.select().from(invitations).where(eq(invitations.code, input.invitationCode)).limit(1);
  const problem = invitationProblem(found) ?? (await invitationSchoolProblem(db, found!.organisationId));
  if (problem) throw new FieldError({ invitationCode: problem });
  if (!(await findMajor(db, input.specialtyCode))) throw new FieldError({ specialtyCode: "errors.specialtyNotMajor" });
  await assertAccountFree(db, input);

  const user = await newUser(input, "student");
  let schoolId = "";
  try {
    // A write transaction (IMMEDIATE on SQLite) takes the write lock before the re-check reads. Deferred, it read first, and when
    // another process took the last use meanwhile, its write failed with SQLITE_BUSY(_SNAPSHOT): a 500 (issue 15, real races).
    await withTransaction(db, async (tx) => {
      const [invitation] = await tx.select().from(invitations).where(eq(invitations.code, input.invitationCode)).limit(1);
      const stillOk = invitationProblem(invitation) ?? (await invitationSchoolProblem(tx, invitation!.organisationId));
      if (stillOk || !invitation) throw new FieldError({ invitationCode: stillOk ?? "errors.invitationUnknown" });
      schoolId = invitation.organisationId;
      await tx.insert(users).values(user);
      await tx.insert(studentProfiles).values({
        userId: user.id,
        schoolId,
        specialtyCode: input.specialtyCode,
        enrolmentYear: input.enrolmentYear,
        birthDate: input.birthDate,
        invitationId: invitation.id,
      });
      await tx.update(invitations).set({ usedCount: invitation.usedCount + 1 }).where(eq(invitations.id, invitation.id));
    });
  } catch (error) {
    if (error instanceof FieldError) throw error;
    conflictOnUnique(error, uniqueColumns);
  }
  return { userId: user.id, schoolId };
}

/** The user for an email or mobile number and password, or null. Same work whether or not the user exists. */
export async function verifyCredentials(db: Db, identifier: string, password: string) {
  const key = identifier.trim().toLowerCase();
  const [user] = await db
    .select({ id: users.id, name: users.name, role: users.role, passwordHash: users.passwordHash, email: users.email, sessionVersion: users.sessionVersion })
    .from(users)
    .where(or(eq(users.email, key), eq(users.mobile, key)))
    .limit(1);
  // Hash even for unknown accounts so response time does not reveal which accounts exist.
  const ok = await verifyPassword(password, user?.passwordHash ?? dummyHash);
  return user && ok ? { id: user.id, name: user.name, role: user.role, email: user.email, sessionVersion: user.sessionVersion } : null;
}

const dummyHash = "scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
