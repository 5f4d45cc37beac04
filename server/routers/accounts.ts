import { eq } from "drizzle-orm";
import { users } from "../../db/schema";
import { membershipsOf } from "../../db/queries/organisations";
import { signUpEnterprise, signUpSchool, signUpStudent } from "../accounts/sign-up";
import { signUpEnterpriseInput, signUpSchoolInput, signUpStudentInput } from "../schemas/accounts";
import { signUpWait } from "../security/rate-limit";
import { MessageError, publicProcedure, router, signedInProcedure, type Context } from "../trpc";

/** Sign-ups per address and per account (email or mobile) are limited; over the limit nothing is written. */
function limitSignUps(ctx: Context, input: { email?: string; mobile?: string }) {
  const wait = signUpWait(input.email ?? input.mobile ?? "", ctx.address);
  if (wait > 0) throw new MessageError("TOO_MANY_REQUESTS", "errors.rateLimited", { minutes: Math.ceil(wait / 60) });
}

export const accountsRouter = router({
  signUpEnterprise: publicProcedure.input(signUpEnterpriseInput).mutation(({ ctx, input }) => {
    limitSignUps(ctx, input);
    return signUpEnterprise(ctx.db, input);
  }),
  signUpSchool: publicProcedure.input(signUpSchoolInput).mutation(({ ctx, input }) => {
    limitSignUps(ctx, input);
    return signUpSchool(ctx.db, input);
  }),
  signUpStudent: publicProcedure.input(signUpStudentInput).mutation(({ ctx, input }) => {
    limitSignUps(ctx, input);
    return signUpStudent(ctx.db, input);
  }),

  /** The signed-in user with the organisations they belong to. */
  me: signedInProcedure.query(async ({ ctx }) => {
    const user = await ctx.db
      .select({ id: users.id, name: users.name, email: users.email, mobile: users.mobile, role: users.role })
      .from(users)
      .where(eq(users.id, ctx.user.id))
      .get();
    return { ...user!, memberships: await membershipsOf(ctx.db, ctx.user.id) };
  }),
});
