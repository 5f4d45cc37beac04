import { eq } from "drizzle-orm";
import { webhookDeliveries } from "@/db/schema";
import { fanOut } from "@/server/webhooks/deliver";
import { createEndpoint } from "@/server/webhooks/endpoints";
import { recordWebhookEvent } from "@/server/webhooks/events";
import type { World } from "../helpers/world";

/** A public address written as an IP (no DNS in tests), allowed by the SSRF checks; nothing is sent to it here. */
const receiver = "https://203.0.114.10/hooks/edubridge";

/** Inputs of the webhooks procedures for the authorisation matrix: an endpoint of each kind with one delivery each. */
export async function webhookInputs(w: World): Promise<Record<string, unknown>> {
  const host = w.enterprise.organisationId;
  const policy = { allowLoopback: false };
  const own = await createEndpoint(w.db, { kind: "organisation", organisationId: host }, { url: receiver, description: "", events: ["posting.approved"] }, w.ids.enterprise, policy);
  const authority = await createEndpoint(w.db, { kind: "authority" }, { url: receiver, description: "", events: ["posting.approved"], regionCode: "440100" }, w.ids.admin, policy);
  await recordWebhookEvent(w.db, { type: "posting.approved", postingId: w.postings.open.id });
  await fanOut(w.db, new Date());
  const deliveryOf = async (endpointId: string) => (await w.db.select({ id: webhookDeliveries.id }).from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpointId)))[0]!.id;
  return {
    "webhooks.list": { organisationId: host },
    "webhooks.create": { organisationId: host, url: receiver, events: ["application.received"] },
    "webhooks.setActive": { organisationId: host, endpointId: own.id, active: false },
    "webhooks.delete": { organisationId: host, endpointId: own.id },
    "webhooks.deliveries": { organisationId: host, endpointId: own.id },
    "webhooks.redeliver": { organisationId: host, deliveryId: await deliveryOf(own.id) },
    "webhooks.authorities": undefined,
    "webhooks.createAuthority": { regionCode: "440100", url: receiver, events: ["placement.started"] },
    "webhooks.setAuthorityActive": { endpointId: authority.id, active: false },
    "webhooks.deleteAuthority": { endpointId: authority.id },
    "webhooks.authorityDeliveries": { endpointId: authority.id },
    "webhooks.redeliverAuthority": { deliveryId: await deliveryOf(authority.id) },
  };
}
