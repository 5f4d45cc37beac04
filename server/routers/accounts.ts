import { eq } from "drizzle-orm";
import { users } from "../../db/schema";
import { membershipsOf } from "../../db/queries/organisations";
import { changePassword, issueResetCode, resetPasswordWithCode } from "../accounts/sessions";
import { signUpEnterprise, signUpSchool, signUpStudent } from "../accounts/sign-up";
import { changePasswordInput, issueResetCodeInput, resetPasswordInput } from "../schemas/account-security";
import { signUpEnterpriseInput, signUpSchoolInput, signUpStudentInput } from "../schemas/accounts";
import { recordSignInFailure, signInWait, signUpWait } from "../security/rate-limit";
import { MessageError, publicProcedure, router, signedInProcedure, type Context } from "../trpc";

/** Sign-ups per address and per account (email or mobile) are limited; over the limit nothing is written. */
async function limitSignUps(ctx: Context, input: { email?: string; mobile?: string }) {
  const wait = await signUpWait(ctx.db, input.email ?? input.mobile ?? "", ctx.address);
  if (wait > 0) throw new MessageError("TOO_MANY_REQUESTS", "errors.rateLimited", { minutes: Math.ceil(wait / 60) });
}

/** Password guesses (current password, reset codes) are throttled like sign-ins. */
async function throttle(db: Context["db"], account: string, address: string) {
  const wait = await signInWait(db, account, address);
  if (wait > 0) throw new MessageError("TOO_MANY_REQUESTS", "errors.throttled", { seconds: wait });
}

export const accountsRouter = router({
  signUpEnterprise: publicProcedure.input(signUpEnterpriseInput).mutation(async ({ ctx, input }) => {
    await limitSignUps(ctx, input);
    return signUpEnterprise(ctx.db, input);
  }),
  signUpSchool: publicProcedure.input(signUpSchoolInput).mutation(async ({ ctx, input }) => {
    await limitSignUps(ctx, input);
    return signUpSchool(ctx.db, input);
  }),
  signUpStudent: publicProcedure.input(signUpStudentInput).mutation(async ({ ctx, input }) => {
    await limitSignUps(ctx, input);
    return signUpStudent(ctx.db, input);
  }),

  /** The signed-in user with the organisations they belong to. */
  me: signedInProcedure.query(async ({ ctx }) => {
    const [user] = await ctx.db
      .select({ id: users.id, name: users.name, email: users.email, mobile: users.mobile, role: users.role })
      .from(users)
      .where(eq(users.id, ctx.user.id))
      .limit(1);
    return { ...user!, memberships: await membershipsOf(ctx.db, ctx.user.id) };
  }),

  /** Changes the caller's password (the current one is required, guesses are throttled); every session ends. */
  changePassword: signedInProcedure.input(changePasswordInput).mutation(async ({ ctx, input }) => {
    const account = `user:${ctx.user.id}`;
    await throttle(ctx.db, account, ctx.address);
    await changePassword(ctx.db, ctx.user.id, input).catch(async (error: unknown) => {
      await recordSignInFailure(ctx.db, account, ctx.address);
      throw error;
    });
    return { ok: true };
  }),

  /** A one-time reset code, shown once: a student's school staff for the student, an administrator for staff. */
  issueResetCode: signedInProcedure.input(issueResetCodeInput).mutation(({ ctx, input }) => issueResetCode(ctx.db, ctx.user, input)),

  /** Sets a new password with a reset code; wrong codes count as failed sign-ins of the account. */
  resetPassword: publicProcedure.input(resetPasswordInput).mutation(async ({ ctx, input }) => {
    await throttle(ctx.db, input.identifier, ctx.address);
    await resetPasswordWithCode(ctx.db, input).catch(async (error: unknown) => {
      await recordSignInFailure(ctx.db, input.identifier, ctx.address);
      throw error;
    });
    return { ok: true };
  }),
});
