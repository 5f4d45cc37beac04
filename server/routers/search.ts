import { studentMatchProfile } from "../matching/profile";
import { searchPostingsInput } from "../schemas/search";
import { searchPageInput } from "../schemas/search-params";
import { searchPage } from "../search/search-page";
import { filtersOf, findPostings } from "../search/search-postings";
import { logImpressions } from "../funnel/record";
import { publicProcedure, router } from "../trpc";

export const searchRouter = router({
  /**
   * Published, open postings by region, industry and specialty at any level, kind, pay, dates, seats and
   * free text. Public; for a signed-in student, relevance is their matching score, with explanations, and
   * postings the compliance rules bar them from (server/matching/eligibility.ts) rank after every other.
   */
  postings: publicProcedure.input(searchPostingsInput).query(async ({ ctx, input }) => {
    const student = ctx.user?.role === "student" ? await studentMatchProfile(ctx.db, ctx.user.id) : null;
    return logImpressions(ctx.db, "search", await findPostings(ctx.db, { filters: filtersOf(input), sort: input.sort, profile: student?.profile ?? null, eligibility: student ? { ...student.eligibility, barred: "last" } : null, cursor: input.cursor, limit: input.limit }));
  }),
  /**
   * The search page: a numbered page in the chosen order, with facet counts (region, industry, specialty group,
   * kind) and, for a signed-in student, each posting the rules bar them from badged with the rules' reasons, or
   * left out with `hideBarred`. Public; other roles and anonymous readers get no badges.
   */
  page: publicProcedure.input(searchPageInput).query(async ({ ctx, input }) => {
    const student = ctx.user?.role === "student" ? await studentMatchProfile(ctx.db, ctx.user.id) : null;
    return logImpressions(ctx.db, "search", await searchPage(ctx.db, input, student));
  }),
});
