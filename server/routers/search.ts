import { studentMatchProfile } from "../matching/profile";
import { searchPostingsInput } from "../schemas/search";
import { filtersOf, findPostings } from "../search/search-postings";
import { publicProcedure, router } from "../trpc";

export const searchRouter = router({
  /**
   * Published, open postings by region, industry and specialty at any level, kind, pay, dates, seats and
   * free text. Public; for a signed-in student, relevance is their matching score, with explanations, and
   * postings the compliance rules bar them from (server/matching/eligibility.ts) rank after every other.
   */
  postings: publicProcedure.input(searchPostingsInput).query(async ({ ctx, input }) => {
    const student = ctx.user?.role === "student" ? await studentMatchProfile(ctx.db, ctx.user.id) : null;
    return findPostings(ctx.db, { filters: filtersOf(input), sort: input.sort, profile: student?.profile ?? null, eligibility: student ? { ...student.eligibility, barred: "last" } : null, cursor: input.cursor, limit: input.limit });
  }),
});
