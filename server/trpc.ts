import { initTRPC, TRPCError } from "@trpc/server";
import { and, eq } from "drizzle-orm";
import superjson from "superjson";
import { z, ZodError } from "zod";
import type { Db } from "../db/create";
import { reportsDbFor } from "./db";
import { uniqueViolation } from "../db/errors";
import { memberships, organisations, users, type MembershipRole, type OrganisationKind, type UserRole, type VerificationStatus } from "../db/schema";
import type { Violation } from "./compliance/rules";
import { defaultLocale, translate, type Locale, type MessageKey } from "./i18n/messages";
import { unstorableTextIn } from "./security/unstorable-text";

export interface SessionUser {
  id: string;
  name: string;
  role: UserRole;
}

export interface Context {
  db: Db;
  /** Where report procedures read: a read replica when configured (server/db.ts reportsDbFor), else `db`. */
  reportsDb: Db;
  user: SessionUser | null;
  locale: Locale;
  /** The client's address, for per-address rate limits. */
  address: string;
}

/**
 * Builds the context for a request: the signed-in user is re-read from the database on every call,
 * so that a deleted account or a changed role takes effect at once, whatever the session token says.
 * Requests pass the session token's `sessionVersion`: a token from before a sign-out or password change
 * (the user's version was bumped) is anonymous. Only in-process callers (tests) omit it.
 */
export async function createContext(opts: {
  db: Db;
  userId: string | null | undefined;
  locale?: Locale;
  address?: string;
  sessionVersion?: number;
  /** Only tests pass this (a second database standing in for a replica); otherwise reportsDbFor decides. */
  reportsDb?: Db;
}): Promise<Context> {
  const { db, userId, locale = defaultLocale, address = "local", sessionVersion } = opts;
  const [row] = userId
    ? await db.select({ id: users.id, name: users.name, role: users.role, sessionVersion: users.sessionVersion }).from(users).where(eq(users.id, userId)).limit(1)
    : [];
  const user = row && (sessionVersion === undefined || row.sessionVersion === sessionVersion) ? { id: row.id, name: row.name, role: row.role } : null;
  return { db, reportsDb: opts.reportsDb ?? reportsDbFor(db), user, locale, address };
}

/**
 * An error tied to form fields, with i18n keys as messages: thrown by procedures for problems that only
 * the database can see (a taken email, an unknown region code) so the form shows them beside the field.
 */
export class FieldError extends TRPCError {
  readonly fields: Record<string, MessageKey>;
  constructor(fields: Record<string, MessageKey>, code: "BAD_REQUEST" | "CONFLICT" = "BAD_REQUEST") {
    super({ code, message: Object.values(fields)[0] ?? "errors.BAD_REQUEST" });
    this.fields = fields;
  }
}

/** An error whose message is an i18n key with parameters, translated for the reader by the formatter. */
export class MessageError extends TRPCError {
  constructor(
    code: TRPCError["code"],
    readonly key: MessageKey,
    readonly params: Record<string, string | number> = {},
  ) {
    super({ code, message: key });
  }
}

/** The internship rules refused a write: every violated rule, each with its message in both languages. */
export class ComplianceError extends TRPCError {
  readonly violations: Violation[];
  constructor(violations: Violation[]) {
    super({ code: "BAD_REQUEST", message: violations[0]?.zh ?? "errors.BAD_REQUEST" });
    this.violations = violations;
  }
}

function translateFieldErrors(fields: Record<string, string[] | undefined>, locale: Locale) {
  return Object.fromEntries(
    Object.entries(fields).map(([field, messages]) => [field, (messages ?? []).map((m) => translate(locale, m))]),
  );
}

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter({ shape, error, ctx }) {
    const locale = ctx?.locale ?? defaultLocale;
    let fieldErrors: Record<string, string[]> | undefined;
    let violations: { rule: string; field?: string; severity: string; message: string }[] | undefined;
    let message: string;
    if (error.cause instanceof ZodError) {
      // Field errors keyed by the dotted path ("posting.details.monthlyPay"), so nested forms can place them.
      const byPath: Record<string, string[]> = {};
      for (const issue of error.cause.issues) (byPath[issue.path.map(String).join(".") || "_form"] ??= []).push(issue.message);
      fieldErrors = translateFieldErrors(byPath, locale);
      const first = Object.values(fieldErrors).flat()[0];
      message = first ?? translate(locale, "errors.BAD_REQUEST");
    } else if (error instanceof FieldError) {
      fieldErrors = translateFieldErrors(
        Object.fromEntries(Object.entries(error.fields).map(([f, key]) => [f, [key]])),
        locale,
      );
      message = translate(locale, error.message);
    } else if (error instanceof ComplianceError) {
      const pick = (v: Violation) => (locale === "en" ? v.en : v.zh);
      fieldErrors = {};
      for (const v of error.violations) if (v.field) (fieldErrors[v.field] ??= []).push(pick(v));
      violations = error.violations.map((v) => ({ rule: v.rule, field: v.field, severity: v.severity, message: pick(v) }));
      message = error.violations.map(pick).join("；");
    } else if (error instanceof MessageError) {
      message = translate(locale, error.key, error.params);
    } else if (error.code === "INTERNAL_SERVER_ERROR") {
      // Never leak internals (SQL, stack traces) to the client.
      message = translate(locale, "errors.INTERNAL_SERVER_ERROR");
    } else {
      message = translate(locale, error.message.startsWith("errors.") ? error.message : `errors.${error.code}`);
    }
    return { ...shape, message, data: { code: shape.data.code, httpStatus: shape.data.httpStatus, path: shape.data.path, fieldErrors, violations } };
  },
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/**
 * No text we store may hold U+0000 or a lone surrogate (server/security/unstorable-text.ts): a 500 on one engine
 * and stored garbage on the other. Refused for every procedure, before any schema, as a bad request with a
 * reason the user can act on.
 */
const rejectUnstorableText = t.middleware(async ({ getRawInput, next }) => {
  const problem = unstorableTextIn(await getRawInput());
  if (problem) throw new TRPCError({ code: "BAD_REQUEST", message: problem });
  return next();
});

/** Anyone, signed in or not. */
export const publicProcedure = t.procedure.use(rejectUnstorableText);

const requireSignedIn = t.middleware(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: "UNAUTHORIZED", message: "errors.UNAUTHORIZED" });
  return next({ ctx: { ...ctx, user: ctx.user } });
});

/** Any signed-in user. */
export const signedInProcedure = publicProcedure.use(requireSignedIn);

const roleNames: Record<UserRole, string> = { student: "学生", school: "学校", enterprise: "企业", admin: "管理员" };

/** Signed in with one of the given roles; FORBIDDEN otherwise. */
export function roleProcedure(...roles: UserRole[]) {
  return signedInProcedure.use(({ ctx, next }) => {
    if (!roles.includes(ctx.user.role)) {
      throw new TRPCError({ code: "FORBIDDEN", message: translate(ctx.locale, "errors.roleRequired", { roles: roles.map((r) => (ctx.locale === "en" ? r : roleNames[r])).join(" / ") }) });
    }
    return next();
  });
}

export const adminProcedure = roleProcedure("admin");
export const studentProcedure = roleProcedure("student");

export interface MembershipContext {
  organisationId: string;
  role: MembershipRole;
  kind: OrganisationKind;
  verificationStatus: VerificationStatus;
}

/** The caller's membership of an organisation, or null. */
export async function findMembership(db: Db, userId: string, organisationId: string): Promise<MembershipContext | null> {
  const [row] = await db
    .select({ organisationId: memberships.organisationId, role: memberships.role, kind: organisations.kind, verificationStatus: organisations.verificationStatus })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(and(eq(memberships.userId, userId), eq(memberships.organisationId, organisationId)))
    .limit(1);
  return row ?? null;
}

/**
 * Signed in and a member of the organisation named by `input.organisationId`. The membership is read
 * from the database, never taken from the client; its kind and role are in `ctx.membership`.
 */
export const organisationMemberProcedure = signedInProcedure
  .input(z.object({ organisationId: z.string().uuid() }))
  .use(async ({ ctx, input, next }) => {
    const membership = await findMembership(ctx.db, ctx.user.id, input.organisationId);
    if (!membership) throw new TRPCError({ code: "FORBIDDEN", message: "errors.notOrgMember" });
    return next({ ctx: { ...ctx, membership } });
  });

/** A member of `input.organisationId` when that organisation is a school (invitations, students, their applications). */
export const schoolMemberProcedure = organisationMemberProcedure.use(({ ctx, next }) => {
  if (ctx.membership.kind !== "school") throw new TRPCError({ code: "FORBIDDEN", message: "errors.orgNotSchool" });
  return next();
});

/** A member of `input.organisationId` when that organisation is an enterprise (its applicants). */
export const enterpriseMemberProcedure = organisationMemberProcedure.use(({ ctx, next }) => {
  if (ctx.membership.kind !== "enterprise") throw new TRPCError({ code: "FORBIDDEN", message: "errors.FORBIDDEN" });
  return next();
});

// Only verified organisations act on students and partners (issue 13): a self-registered organisation may
// prepare its profile and drafts, but matching, student reads, invitations, placement approvals, agreements
// and cooperation wait until an administrator has checked it (or re-checked it after a material change).
function requireVerified(ctx: { membership: MembershipContext }) {
  if (ctx.membership.verificationStatus !== "verified") throw new MessageError("FORBIDDEN", "errors.orgVerificationRequired");
}

/** A member of `input.organisationId` when that organisation is verified; FORBIDDEN otherwise. */
export const verifiedMemberProcedure = organisationMemberProcedure.use(({ ctx, next }) => {
  requireVerified(ctx);
  return next();
});

/** A member of a verified school named by `input.organisationId` (invitations). */
export const verifiedSchoolMemberProcedure = schoolMemberProcedure.use(({ ctx, next }) => {
  requireVerified(ctx);
  return next();
});

/** A member of a verified enterprise named by `input.organisationId` (its applicants). */
export const verifiedEnterpriseMemberProcedure = enterpriseMemberProcedure.use(({ ctx, next }) => {
  requireVerified(ctx);
  return next();
});

/** Maps SQLite's unique-constraint failure on a column to a field error, so races still read well. */
export function conflictOnUnique(error: unknown, columns: Record<string, { field: string; message: MessageKey }>): never {
  const text = uniqueViolation(error);
  if (text !== null) {
    for (const [column, target] of Object.entries(columns)) {
      if (text.includes(column)) throw new FieldError({ [target.field]: target.message }, "CONFLICT");
    }
    throw new TRPCError({ code: "CONFLICT", message: "errors.CONFLICT" });
  }
  throw error;
}
