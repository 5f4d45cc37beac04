import { z } from "zod";
import { id } from "./common";

/** The events a webhook endpoint may subscribe to (issue 19, item 3). */
export const webhookEventTypes = ["application.received", "posting.approved", "placement.started", "complaint.filed"] as const;
export type WebhookEventType = (typeof webhookEventTypes)[number];

const endpointFields = {
  url: z.string().trim().min(1, "errors.required").max(500, "errors.webhookUrlInvalid"),
  description: z.string().trim().max(100, "errors.text").default(""),
  events: z.array(z.enum(webhookEventTypes)).min(1, "errors.webhookEventsRequired").max(webhookEventTypes.length),
};

/** An organisation owner's endpoint for its own organisation's events. */
export const createOrganisationWebhookInput = z.object({ organisationId: id, ...endpointFields });
export type CreateOrganisationWebhookInput = z.input<typeof createOrganisationWebhookInput>;

/** An administrator's endpoint for an education authority: events in a province (xx0000) or city (xxxx00). */
export const createAuthorityWebhookInput = z.object({ regionCode: z.string().regex(/^\d{4}00$/, "errors.apiRegionScope"), ...endpointFields });
export type CreateAuthorityWebhookInput = z.input<typeof createAuthorityWebhookInput>;

export const organisationEndpointInput = z.object({ organisationId: id, endpointId: id });
export const organisationDeliveryInput = z.object({ organisationId: id, deliveryId: id });
export const authorityEndpointInput = z.object({ endpointId: id });
export const authorityDeliveryInput = z.object({ deliveryId: id });
