import { createHmac } from "node:crypto";
import type { LookupAddress } from "node:dns";
import http from "node:http";
import type { LookupFunction } from "node:net";
import https from "node:https";
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db, Runner } from "../../db/create";
import { webhookAttempts, webhookDeliveries, webhookEndpoints, webhookEvents } from "../../db/schema";
import { onEngine, rawRows, rawRun } from "../../db/sql";
import { withTransaction } from "../../db/transaction";
import { regionWithinScope, studentRef } from "../api/authority";
import { env } from "../env";
import type { PeriodicJob } from "../jobs/periodic";
import { checkUrlForm, resolveAllowed, type UrlPolicy } from "./url-policy";

/**
 * Webhook delivery (issue 19, item 3), run by the periodic job below on one instance at a time:
 * 1. fan-out: each new outbox event becomes one delivery per subscribed endpoint (the unique (event, endpoint)
 *    pair makes a second fan-out of the same event a no-op);
 * 2. claim: due deliveries are leased (their next time moved past the attempt) in a short transaction, with
 *    FOR UPDATE SKIP LOCKED on PostgreSQL so that two claimers never take the same row; SQLite has one writer;
 * 3. send, outside any transaction: a signed POST to the address checked just before (SSRF), 10 s at most;
 * 4. record the attempt and succeed, schedule the next try, or give up after a day;
 * 5. drop the log of events finished a month ago.
 * A process that dies between 2 and 4 leaves the lease to expire: the delivery is tried again (receivers
 * deduplicate by the event id, which every attempt carries).
 */

/** Waits after the 1st, 2nd, … failed attempt; the last one repeats until the day is over. */
export const retryDelaysMs = [1, 5, 30, 120, 360].map((minutes) => minutes * 60_000);
/** No attempt is scheduled later than this after the event (or a re-send): then the delivery has failed. */
export const retryWindowMs = 24 * 3600_000;
const leaseMs = 2 * 60_000;
const timeoutMs = 10_000;
const responseBytes = 2048;
const claimBatch = 10;
const fanOutBatch = 100;

export function defaultUrlPolicy(): UrlPolicy {
  return { allowLoopback: env().NODE_ENV !== "production" };
}

/** When to try again after `attempts` failed attempts, or null: give up (the day is over). */
export function nextAttemptAfter(attempts: number, scheduleFrom: Date, now: Date): Date | null {
  const next = new Date(now.getTime() + retryDelaysMs[Math.min(attempts, retryDelaysMs.length) - 1]!);
  return next.getTime() - scheduleFrom.getTime() > retryWindowMs ? null : next;
}

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`: what a receiver recomputes with its secret. */
export function signatureHeader(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

/** Timestamps as stored: milliseconds on SQLite, timestamptz on PostgreSQL (raw SQL binds them by engine). */
function at(db: Db, date: Date) {
  return onEngine(db, { sqlite: sql`${date.getTime()}`, postgres: sql`${date.toISOString()}::timestamptz` });
}

// --- Fan-out ------------------------------------------------------------------------------------------------

async function bodyFor(db: Runner, event: typeof webhookEvents.$inferSelect, endpoint: typeof webhookEndpoints.$inferSelect): Promise<string | null> {
  const envelope = (data: Record<string, unknown>) => JSON.stringify({ id: event.id, type: event.type, createdAt: event.createdAt.toISOString(), data });
  if (endpoint.kind === "organisation") return endpoint.organisationId && event.organisationIds.includes(endpoint.organisationId) ? envelope(event.data) : null;
  if (!endpoint.regionCode) return null;
  const scope = { regionCode: endpoint.regionCode };
  const within = await Promise.all(event.regionCodes.map((code) => regionWithinScope(db, scope, code)));
  if (!within.some(Boolean)) return null;
  const { studentName, ...rest } = event.authorityData;
  return envelope(event.studentId ? { ...rest, student: { ref: studentRef(scope, event.studentId), name: studentName } } : rest);
}

/** Turns undispatched events into deliveries; returns how many events it dispatched. */
export async function fanOut(db: Db, now: Date): Promise<number> {
  return withTransaction(db, async (tx) => {
    const claimed = await rawRows<{ id: string }>(
      tx,
      sql`select id from webhook_events where dispatched_at is null order by created_at limit ${fanOutBatch} ${onEngine(db, { sqlite: sql``, postgres: sql`for update skip locked` })}`,
    );
    if (claimed.length === 0) return 0;
    const events = await tx.select().from(webhookEvents).where(inArray(webhookEvents.id, claimed.map((c) => c.id))).orderBy(asc(webhookEvents.createdAt));
    const endpoints = await tx.select().from(webhookEndpoints).where(eq(webhookEndpoints.active, true));
    for (const event of events) {
      for (const endpoint of endpoints) {
        // An endpoint registered after the event was not subscribed when it happened.
        if (!endpoint.events.includes(event.type) || endpoint.createdAt > event.createdAt) continue;
        const body = await bodyFor(tx, event, endpoint);
        if (body === null) continue;
        await tx.insert(webhookDeliveries).values({ eventId: event.id, endpointId: endpoint.id, body, nextAttemptAt: now, scheduleFrom: now }).onConflictDoNothing();
      }
    }
    await tx.update(webhookEvents).set({ dispatchedAt: now }).where(and(inArray(webhookEvents.id, events.map((e) => e.id)), isNull(webhookEvents.dispatchedAt)));
    return events.length;
  });
}

// --- Claim, send, record ------------------------------------------------------------------------------------

interface Claimed {
  id: string;
  body: string;
  attempts: number;
  scheduleFrom: Date;
  eventId: string;
  eventType: string;
  url: string;
  secret: string;
}

/** Leases up to `claimBatch` due deliveries of active endpoints. */
async function claimDue(db: Db, now: Date): Promise<Claimed[]> {
  return withTransaction(db, async (tx) => {
    const due = await rawRows<{ id: string }>(
      tx,
      sql`select d.id from webhook_deliveries d join webhook_endpoints e on e.id = d.endpoint_id
          where d.status = 'pending' and d.next_attempt_at <= ${at(db, now)} and e.active = ${onEngine(db, { sqlite: sql`1`, postgres: sql`true` })}
          order by d.next_attempt_at limit ${claimBatch} ${onEngine(db, { sqlite: sql``, postgres: sql`for update of d skip locked` })}`,
    );
    if (due.length === 0) return [];
    const ids = due.map((d) => d.id);
    await tx.update(webhookDeliveries).set({ nextAttemptAt: new Date(now.getTime() + leaseMs) }).where(inArray(webhookDeliveries.id, ids));
    return tx
      .select({ id: webhookDeliveries.id, body: webhookDeliveries.body, attempts: webhookDeliveries.attempts, scheduleFrom: webhookDeliveries.scheduleFrom, eventId: webhookDeliveries.eventId, eventType: webhookEvents.type, url: webhookEndpoints.url, secret: webhookEndpoints.secret })
      .from(webhookDeliveries)
      .innerJoin(webhookEvents, eq(webhookEvents.id, webhookDeliveries.eventId))
      .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
      .where(inArray(webhookDeliveries.id, ids));
  });
}

export interface AttemptResult {
  statusCode: number | null;
  responseBody: string;
  error: string | null;
  durationMs: number;
}

/** One signed POST; never throws (a refusal, a network error or a timeout is the attempt's `error`). */
export async function sendOnce(delivery: Claimed, now: Date, policy: UrlPolicy): Promise<AttemptResult> {
  const started = performance.now();
  const failed = (error: string): AttemptResult => ({ statusCode: null, responseBody: "", error, durationMs: Math.round(performance.now() - started) });
  const form = checkUrlForm(delivery.url, policy);
  if ("refusal" in form) return failed(form.refusal);
  // Resolved and checked now, and the connection goes to these addresses: a name that changed since it was registered is checked again.
  const resolved = await resolveAllowed(form.url.hostname, policy);
  if ("refusal" in resolved) return failed(resolved.refusal);
  const timestamp = Math.floor(now.getTime() / 1000);
  const headers = {
    "content-type": "application/json; charset=utf-8",
    "user-agent": "EduBridge-Webhooks/1",
    "x-edubridge-event": delivery.eventType,
    "x-edubridge-event-id": delivery.eventId,
    "x-edubridge-delivery": delivery.id,
    "x-edubridge-signature": signatureHeader(delivery.secret, timestamp, delivery.body),
  };
  return new Promise<AttemptResult>((resolve) => {
    const pinned = pinnedLookup(resolved.addresses);
    const request = (form.url.protocol === "https:" ? https : http).request(form.url, { method: "POST", headers, timeout: timeoutMs, lookup: pinned }, (response) => {
      const chunks: Buffer[] = [];
      let kept = 0;
      response.on("data", (chunk: Buffer) => {
        if (kept < responseBytes) chunks.push(chunk.subarray(0, responseBytes - kept));
        kept += chunk.length;
      });
      response.on("end", () =>
        resolve({ statusCode: response.statusCode ?? null, responseBody: Buffer.concat(chunks).toString("utf8"), error: null, durationMs: Math.round(performance.now() - started) }),
      );
      response.on("error", (error) => resolve(failed(error.message)));
    });
    request.on("timeout", () => request.destroy(new Error("timeout")));
    request.on("error", (error) => resolve(failed(error.message)));
    request.end(delivery.body);
  });
}

/** A `lookup` for http.request that answers with the addresses already checked, never asking DNS again. */
function pinnedLookup(addresses: LookupAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    if (options.all) callback(null, addresses);
    else callback(null, addresses[0]!.address, addresses[0]!.family);
  };
}

async function record(db: Db, delivery: Claimed, result: AttemptResult, now: Date) {
  const ok = result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300;
  const attempts = delivery.attempts + 1;
  const next = ok ? null : nextAttemptAfter(attempts, delivery.scheduleFrom, now);
  await withTransaction(db, async (tx) => {
    await tx.insert(webhookAttempts).values({ deliveryId: delivery.id, attemptedAt: now, ...result });
    await tx
      .update(webhookDeliveries)
      .set(
        ok
          ? { status: "succeeded", attempts, lastStatusCode: result.statusCode, completedAt: now }
          : next
            ? { attempts, lastStatusCode: result.statusCode, nextAttemptAt: next }
            : { status: "failed", attempts, lastStatusCode: result.statusCode, completedAt: now },
      )
      .where(eq(webhookDeliveries.id, delivery.id));
  });
}

/** How long the log of a finished delivery is kept for its owner's page. */
export const keepDaysAfterDone = 30;

/** Drops events (and with them their deliveries and attempts) dispatched over `keepDaysAfterDone` days ago with no delivery still pending. */
export async function pruneWebhookLog(db: Db, now: Date): Promise<number> {
  const before = new Date(now.getTime() - keepDaysAfterDone * 24 * 3600_000);
  return withTransaction(db, (tx) =>
    rawRun(
      tx,
      sql`delete from webhook_events where dispatched_at < ${at(db, before)}
          and not exists (select 1 from webhook_deliveries d where d.event_id = webhook_events.id and d.status = 'pending')`,
    ),
  );
}

/** One run: fan out new events, then send what is due (in batches, until nothing is due at `now`), then prune the old log. */
export async function deliverWebhooks(db: Db, now: Date, policy: UrlPolicy = defaultUrlPolicy()): Promise<{ dispatched: number; attempted: number }> {
  let dispatched = 0;
  for (let n; (n = await fanOut(db, now)) > 0; ) dispatched += n;
  let attempted = 0;
  for (let batch = await claimDue(db, now); batch.length > 0; batch = await claimDue(db, now)) {
    await Promise.all(batch.map(async (delivery) => record(db, delivery, await sendOnce(delivery, now, policy), now)));
    attempted += batch.length;
  }
  await pruneWebhookLog(db, now);
  return { dispatched, attempted };
}

/** The job started by instrumentation.ts: every 15 s, one instance at a time. */
export const webhookDeliveryJob: PeriodicJob = {
  name: "webhooks",
  everyMs: 15_000,
  run: async (db, now) => {
    await deliverWebhooks(db, now);
  },
};
