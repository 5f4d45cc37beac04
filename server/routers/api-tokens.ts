import { authorityTokens, createAuthorityToken, createOrganisationToken, organisationTokens, revokeToken } from "../api/tokens";
import { createAuthorityTokenInput, createOrganisationTokenInput, revokeAuthorityTokenInput, revokeOrganisationTokenInput } from "../schemas/api-tokens";
import { adminProcedure, MessageError, organisationMemberProcedure, router } from "../trpc";

/** An owner of `input.organisationId`: staff members use the organisation's tokens' data, owners hand out access. */
const organisationOwnerProcedure = organisationMemberProcedure.use(({ ctx, next }) => {
  if (ctx.membership.role !== "owner") throw new MessageError("FORBIDDEN", "errors.apiOwnersOnly");
  return next();
});

/** Tokens of the open API (issue 19): organisation owners for their organisation, administrators for authorities. */
export const apiTokensRouter = router({
  list: organisationOwnerProcedure.query(({ ctx, input }) => organisationTokens(ctx.db, input.organisationId)),
  /** Answers the token itself, once: only its SHA-256 is stored. */
  create: organisationOwnerProcedure.input(createOrganisationTokenInput).mutation(({ ctx, input }) => createOrganisationToken(ctx.db, ctx.user.id, input)),
  revoke: organisationOwnerProcedure
    .input(revokeOrganisationTokenInput)
    .mutation(({ ctx, input }) => revokeToken(ctx.db, ctx.user.id, { tokenId: input.tokenId, kind: "organisation", organisationId: input.organisationId })),
  authorities: adminProcedure.query(({ ctx }) => authorityTokens(ctx.db)),
  issueAuthority: adminProcedure.input(createAuthorityTokenInput).mutation(({ ctx, input }) => createAuthorityToken(ctx.db, ctx.user.id, input)),
  revokeAuthority: adminProcedure.input(revokeAuthorityTokenInput).mutation(({ ctx, input }) => revokeToken(ctx.db, ctx.user.id, { tokenId: input.tokenId, kind: "authority" })),
});
