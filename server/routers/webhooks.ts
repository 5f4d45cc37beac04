import { z } from "zod";
import { id } from "../schemas/common";
import {
  authorityDeliveryInput,
  authorityEndpointInput,
  createAuthorityWebhookInput,
  createOrganisationWebhookInput,
  organisationDeliveryInput,
  organisationEndpointInput,
} from "../schemas/webhooks";
import { adminProcedure, MessageError, organisationMemberProcedure, router } from "../trpc";
import { createEndpoint, deleteEndpoint, listDeliveries, listEndpoints, redeliver, setEndpointActive, type EndpointOwner } from "../webhooks/endpoints";

/** An owner of `input.organisationId`: endpoints receive the organisation's events, so owners alone register them. */
const organisationOwnerProcedure = organisationMemberProcedure.use(({ ctx, next }) => {
  if (ctx.membership.role !== "owner") throw new MessageError("FORBIDDEN", "errors.webhookOwnerOnly");
  return next();
});

const organisation = (organisationId: string): EndpointOwner => ({ kind: "organisation", organisationId });
const authority: EndpointOwner = { kind: "authority" };
const activeInput = z.object({ active: z.boolean() });
const deliveriesInput = z.object({ endpointId: id.optional() });

/** Webhooks (issue 19, item 3): organisation owners for their organisation, administrators for authorities. */
export const webhooksRouter = router({
  list: organisationOwnerProcedure.query(({ ctx, input }) => listEndpoints(ctx.db, organisation(input.organisationId))),
  /** Answers the signing secret, once. */
  create: organisationOwnerProcedure.input(createOrganisationWebhookInput).mutation(({ ctx, input }) => createEndpoint(ctx.db, organisation(input.organisationId), input, ctx.user.id)),
  setActive: organisationOwnerProcedure
    .input(organisationEndpointInput.merge(activeInput))
    .mutation(({ ctx, input }) => setEndpointActive(ctx.db, organisation(input.organisationId), input.endpointId, input.active)),
  delete: organisationOwnerProcedure.input(organisationEndpointInput).mutation(({ ctx, input }) => deleteEndpoint(ctx.db, organisation(input.organisationId), input.endpointId, ctx.user.id)),
  deliveries: organisationOwnerProcedure.input(deliveriesInput).query(({ ctx, input }) => listDeliveries(ctx.db, organisation(input.organisationId), { endpointId: input.endpointId })),
  redeliver: organisationOwnerProcedure.input(organisationDeliveryInput).mutation(({ ctx, input }) => redeliver(ctx.db, organisation(input.organisationId), input.deliveryId)),

  authorities: adminProcedure.query(({ ctx }) => listEndpoints(ctx.db, authority)),
  createAuthority: adminProcedure.input(createAuthorityWebhookInput).mutation(({ ctx, input }) => createEndpoint(ctx.db, authority, input, ctx.user.id)),
  setAuthorityActive: adminProcedure.input(authorityEndpointInput.merge(activeInput)).mutation(({ ctx, input }) => setEndpointActive(ctx.db, authority, input.endpointId, input.active)),
  deleteAuthority: adminProcedure.input(authorityEndpointInput).mutation(({ ctx, input }) => deleteEndpoint(ctx.db, authority, input.endpointId, ctx.user.id)),
  authorityDeliveries: adminProcedure.input(deliveriesInput).query(({ ctx, input }) => listDeliveries(ctx.db, authority, { endpointId: input.endpointId })),
  redeliverAuthority: adminProcedure.input(authorityDeliveryInput).mutation(({ ctx, input }) => redeliver(ctx.db, authority, input.deliveryId)),
});
