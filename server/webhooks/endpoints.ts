import { randomBytes } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { and, desc, eq, inArray, isNull, type SQL } from "drizzle-orm";
import type { Db } from "../../db/create";
import { regions, webhookAttempts, webhookDeliveries, webhookEndpoints, webhookEvents } from "../../db/schema";
import { withTransaction } from "../../db/transaction";
import { audit } from "../admin/audit";
import type { WebhookEventType } from "../schemas/webhooks";
import { FieldError } from "../trpc";
import { defaultUrlPolicy } from "./deliver";
import { checkWebhookUrl, type UrlPolicy } from "./url-policy";

/**
 * Webhook endpoints and their deliveries, for their owners: an organisation's owners manage its endpoints (the
 * router checks the membership); administrators manage the authorities' endpoints. Ownership is part of every
 * query: an endpoint or delivery of another owner is NOT_FOUND.
 */
export type EndpointOwner = { kind: "organisation"; organisationId: string } | { kind: "authority" };

function ownedBy(owner: EndpointOwner): SQL {
  return owner.kind === "organisation" ? eq(webhookEndpoints.organisationId, owner.organisationId) : and(eq(webhookEndpoints.kind, "authority"), isNull(webhookEndpoints.organisationId))!;
}

const notFound = () => new TRPCError({ code: "NOT_FOUND", message: "errors.NOT_FOUND" });

export async function createEndpoint(
  db: Db,
  owner: EndpointOwner,
  input: { url: string; description: string; events: WebhookEventType[]; regionCode?: string },
  actorId: string,
  policy: UrlPolicy = defaultUrlPolicy(),
) {
  const refusal = await checkWebhookUrl(input.url, policy);
  if (refusal) throw new FieldError({ url: refusal });
  if (owner.kind === "authority") {
    const [region] = await db.select({ level: regions.level }).from(regions).where(eq(regions.code, input.regionCode ?? "")).limit(1);
    if (!region || region.level === "county") throw new FieldError({ regionCode: "errors.apiRegionScope" });
  }
  // Shown once, kept to sign: a receiver verifies with it, and only a new endpoint gives a new one.
  const secret = `whsec_${randomBytes(32).toString("base64url")}`;
  return withTransaction(db, async (tx) => {
    const [row] = await tx
      .insert(webhookEndpoints)
      .values({
        kind: owner.kind,
        organisationId: owner.kind === "organisation" ? owner.organisationId : null,
        regionCode: owner.kind === "authority" ? input.regionCode! : null,
        url: input.url,
        description: input.description,
        events: [...new Set(input.events)],
        secret,
        createdBy: actorId,
      })
      .returning({ id: webhookEndpoints.id });
    await audit(tx, { actorId, action: "webhook.create", targetType: "webhook_endpoint", targetId: row!.id, summary: input.url, details: { events: input.events, regionCode: input.regionCode ?? null } });
    return { id: row!.id, secret };
  });
}

/** The owner's endpoints, newest first; never the secret. */
export async function listEndpoints(db: Db, owner: EndpointOwner) {
  return db
    .select({ id: webhookEndpoints.id, url: webhookEndpoints.url, description: webhookEndpoints.description, events: webhookEndpoints.events, regionCode: webhookEndpoints.regionCode, active: webhookEndpoints.active, createdAt: webhookEndpoints.createdAt })
    .from(webhookEndpoints)
    .where(ownedBy(owner))
    .orderBy(desc(webhookEndpoints.createdAt));
}

export async function setEndpointActive(db: Db, owner: EndpointOwner, endpointId: string, active: boolean) {
  const changed = await db.update(webhookEndpoints).set({ active }).where(and(eq(webhookEndpoints.id, endpointId), ownedBy(owner))).returning({ id: webhookEndpoints.id });
  if (changed.length === 0) throw notFound();
}

export async function deleteEndpoint(db: Db, owner: EndpointOwner, endpointId: string, actorId: string) {
  await withTransaction(db, async (tx) => {
    const deleted = await tx.delete(webhookEndpoints).where(and(eq(webhookEndpoints.id, endpointId), ownedBy(owner))).returning({ id: webhookEndpoints.id, url: webhookEndpoints.url });
    if (deleted.length === 0) throw notFound();
    await audit(tx, { actorId, action: "webhook.delete", targetType: "webhook_endpoint", targetId: endpointId, summary: deleted[0]!.url });
  });
}

/** The owner's latest deliveries with their attempts (newest first), optionally of one endpoint. */
export async function listDeliveries(db: Db, owner: EndpointOwner, { endpointId, limit = 50 }: { endpointId?: string; limit?: number } = {}) {
  const rows = await db
    .select({
      id: webhookDeliveries.id,
      endpointId: webhookDeliveries.endpointId,
      url: webhookEndpoints.url,
      eventId: webhookDeliveries.eventId,
      eventType: webhookEvents.type,
      status: webhookDeliveries.status,
      attempts: webhookDeliveries.attempts,
      nextAttemptAt: webhookDeliveries.nextAttemptAt,
      lastStatusCode: webhookDeliveries.lastStatusCode,
      completedAt: webhookDeliveries.completedAt,
      createdAt: webhookDeliveries.createdAt,
      body: webhookDeliveries.body,
    })
    .from(webhookDeliveries)
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
    .innerJoin(webhookEvents, eq(webhookEvents.id, webhookDeliveries.eventId))
    .where(and(ownedBy(owner), endpointId ? eq(webhookDeliveries.endpointId, endpointId) : undefined))
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(limit);
  const attempts = rows.length
    ? await db
        .select({ deliveryId: webhookAttempts.deliveryId, attemptedAt: webhookAttempts.attemptedAt, statusCode: webhookAttempts.statusCode, responseBody: webhookAttempts.responseBody, error: webhookAttempts.error, durationMs: webhookAttempts.durationMs })
        .from(webhookAttempts)
        .where(inArray(webhookAttempts.deliveryId, rows.map((r) => r.id)))
        .orderBy(desc(webhookAttempts.attemptedAt))
    : [];
  return rows.map((row) => ({ ...row, attemptLog: attempts.filter((a) => a.deliveryId === row.id) }));
}

/** Queues a delivery again at once, with a new day of retries: what the owner's "re-send" does. */
export async function redeliver(db: Db, owner: EndpointOwner, deliveryId: string, now = new Date()) {
  await withTransaction(db, async (tx) => {
    const [owned] = await tx
      .select({ id: webhookDeliveries.id })
      .from(webhookDeliveries)
      .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
      .where(and(eq(webhookDeliveries.id, deliveryId), ownedBy(owner)))
      .limit(1);
    if (!owned) throw notFound();
    await tx.update(webhookDeliveries).set({ status: "pending", nextAttemptAt: now, scheduleFrom: now, attempts: 0, completedAt: null }).where(eq(webhookDeliveries.id, deliveryId));
  });
}
