import { TRPCError } from "@trpc/server";
import { desc, eq } from "drizzle-orm";
import { z } from "zod";
import { listOrganisations, membersOf, organisationDetail, platformCounts, studentCountOfSchool } from "../../db/queries/organisations";
import { invitations } from "../../db/schema";
import { createInvitation, rejectOrganisation, revokeInvitation, updateOrganisation, verifyOrganisation } from "../organisations/manage";
import { createInvitationInput, listOrganisationsInput, rejectOrganisationInput, updateOrganisationInput } from "../schemas/organisations";
import { adminProcedure, findMembership, organisationMemberProcedure, publicProcedure, router, schoolMemberProcedure } from "../trpc";

export const organisationsRouter = router({
  /**
   * An organisation's profile. Verified organisations are public; one still pending or rejected is
   * shown only to its members and administrators (NOT_FOUND for everyone else, not revealing it exists).
   */
  get: publicProcedure.input(z.object({ organisationId: z.string().uuid() })).query(async ({ ctx, input }) => {
    const detail = await organisationDetail(ctx.db, input.organisationId);
    if (!detail) throw new TRPCError({ code: "NOT_FOUND", message: "errors.NOT_FOUND" });
    const membership = ctx.user ? await findMembership(ctx.db, ctx.user.id, detail.id) : null;
    const privileged = !!membership || ctx.user?.role === "admin";
    if (detail.verificationStatus !== "verified" && !privileged) {
      throw new TRPCError({ code: "NOT_FOUND", message: "errors.NOT_FOUND" });
    }
    // Verification evidence is for the organisation and the administrators only.
    return { ...detail, verificationEvidence: privileged ? detail.verificationEvidence : "", canEdit: !!membership, viewerIsAdmin: ctx.user?.role === "admin" };
  }),

  update: organisationMemberProcedure.input(updateOrganisationInput).mutation(({ ctx, input }) => updateOrganisation(ctx.db, input)),

  members: organisationMemberProcedure.query(({ ctx, input }) => membersOf(ctx.db, input.organisationId)),

  /** Home-page figures for a member of the organisation. */
  summary: organisationMemberProcedure.query(async ({ ctx, input }) => ({
    students: ctx.membership.kind === "school" ? await studentCountOfSchool(ctx.db, input.organisationId) : 0,
  })),

  /** Public platform figures for the landing page: verified organisations and students. */
  stats: publicProcedure.query(async ({ ctx }) => {
    const c = await platformCounts(ctx.db);
    return { schools: c.verifiedSchools, enterprises: c.verifiedEnterprises, students: c.students };
  }),

  adminStats: adminProcedure.query(({ ctx }) => platformCounts(ctx.db)),
  list: adminProcedure.input(listOrganisationsInput).query(({ ctx, input }) => listOrganisations(ctx.db, input)),
  verify: adminProcedure
    .input(z.object({ organisationId: z.string().uuid() }))
    .mutation(({ ctx, input }) => verifyOrganisation(ctx.db, input.organisationId, ctx.user.id)),
  reject: adminProcedure.input(rejectOrganisationInput).mutation(({ ctx, input }) => rejectOrganisation(ctx.db, input, ctx.user.id)),

  invitations: router({
    list: schoolMemberProcedure.query(({ ctx, input }) =>
      ctx.db.select().from(invitations).where(eq(invitations.organisationId, input.organisationId)).orderBy(desc(invitations.createdAt)).all(),
    ),
    create: schoolMemberProcedure.input(createInvitationInput).mutation(({ ctx, input }) => createInvitation(ctx.db, input, ctx.user.id)),
    revoke: schoolMemberProcedure
      .input(z.object({ invitationId: z.string().uuid() }))
      .mutation(({ ctx, input }) => revokeInvitation(ctx.db, input.organisationId, input.invitationId)),
  }),
});
