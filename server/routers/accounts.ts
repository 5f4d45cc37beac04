import { eq } from "drizzle-orm";
import { users } from "../../db/schema";
import { membershipsOf } from "../../db/queries/organisations";
import { signUpEnterprise, signUpSchool, signUpStudent } from "../accounts/sign-up";
import { signUpEnterpriseInput, signUpSchoolInput, signUpStudentInput } from "../schemas/accounts";
import { publicProcedure, router, signedInProcedure } from "../trpc";

export const accountsRouter = router({
  signUpEnterprise: publicProcedure.input(signUpEnterpriseInput).mutation(({ ctx, input }) => signUpEnterprise(ctx.db, input)),
  signUpSchool: publicProcedure.input(signUpSchoolInput).mutation(({ ctx, input }) => signUpSchool(ctx.db, input)),
  signUpStudent: publicProcedure.input(signUpStudentInput).mutation(({ ctx, input }) => signUpStudent(ctx.db, input)),

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
