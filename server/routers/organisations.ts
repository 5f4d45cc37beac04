import { TRPCError } from "@trpc/server";
import { desc, eq } from "drizzle-orm";
import { z } from "zod";
import { latestOrganisationChange, listOrganisations, membersOf, organisationDetail, pendingOrganisationChanges, platformCounts, studentCountOfSchool } from "../../db/queries/organisations";
import { invitations } from "../../db/schema";
import { approveOrganisationChange, createInvitation, heldOrganisationChanges, rejectOrganisation, rejectOrganisationChange, revokeInvitation, updateOrganisation, verifyOrganisation } from "../organisations/manage";
import { changeDecisionInput, rejectChangeInput } from "../schemas/review-holds";
import { createInvitationInput, listOrganisationsInput, rejectOrganisationInput, updateOrganisationInput } from "../schemas/organisations";
import { canSeeContacts, publicOrganisationView } from "../security/redaction";
import { adminProcedure, findMembership, organisationMemberProcedure, publicProcedure, router, schoolMemberProcedure, verifiedSchoolMemberProcedure } from "../trpc";

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
    // No reviewer id; the contact only for students, verified organisations, members, admins (server/security/redaction.ts).
    const view = publicOrganisationView(detail, await canSeeContacts(ctx.db, ctx.user, detail.id));
    return { ...view, verificationEvidence: privileged ? detail.verificationEvidence : "", canEdit: !!membership, viewerIsAdmin: ctx.user?.role === "admin" };
  }),

  update: organisationMemberProcedure.input(updateOrganisationInput).mutation(({ ctx, input }) => updateOrganisation(ctx.db, input, ctx.user.id)),

  /** For the members' edit page: the newest held change of the verified facts (waiting or refused), or null. */
  change: organisationMemberProcedure.query(async ({ ctx, input }) => {
    const change = await latestOrganisationChange(ctx.db, input.organisationId);
    return change ?? null;
  }),

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

  /** Held changes to verified organisations' verified facts, each with the verified and the proposed values. */
  changeQueue: adminProcedure.query(async ({ ctx }) =>
    (await pendingOrganisationChanges(ctx.db)).map((c) => {
      const proposed = heldOrganisationChanges(c.current, c.values);
      return { id: c.id, organisationId: c.organisationId, kind: c.kind, name: c.current.name, submittedAt: c.createdAt, changes: Object.entries(proposed).map(([field, after]) => ({ field, before: c.current[field as keyof typeof c.current], after })) };
    }),
  ),
  approveChange: adminProcedure.input(changeDecisionInput).mutation(({ ctx, input }) => approveOrganisationChange(ctx.db, input.changeId, ctx.user.id)),
  rejectChange: adminProcedure.input(rejectChangeInput).mutation(({ ctx, input }) => rejectOrganisationChange(ctx.db, input.changeId, input.reason, ctx.user.id)),

  invitations: router({
    list: schoolMemberProcedure.query(({ ctx, input }) =>
      ctx.db.select().from(invitations).where(eq(invitations.organisationId, input.organisationId)).orderBy(desc(invitations.createdAt)),
    ),
    // Only a verified school lets students join it (an unverified one could enrol anyone, issue 13 M6).
    create: verifiedSchoolMemberProcedure.input(createInvitationInput).mutation(({ ctx, input }) => createInvitation(ctx.db, input, ctx.user.id)),
    revoke: schoolMemberProcedure
      .input(z.object({ invitationId: z.string().uuid() }))
      .mutation(({ ctx, input }) => revokeInvitation(ctx.db, input.organisationId, input.invitationId)),
  }),
});
