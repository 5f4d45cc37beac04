import { createHmac, timingSafeEqual } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { TRPCError } from "@trpc/server";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/create";
import { memberships, postings, users, webhookAttempts, webhookDeliveries, webhookEndpoints, webhookEvents } from "@/db/schema";
import { withTransaction } from "@/db/transaction";
import { approvePosting, createPosting } from "@/server/postings/manage";
import { startPlacement } from "@/server/placements/manage";
import { createContext, type SessionUser } from "@/server/trpc";
import { deliverWebhooks, keepDaysAfterDone, pruneWebhookLog, retryDelaysMs } from "@/server/webhooks/deliver";
import { addressAllowed } from "@/server/webhooks/url-policy";
import { callerFor } from "../helpers/db";
import { monthStart } from "../helpers/dates";
import { buildWorld, type World } from "../helpers/world";

/** Issue 19, item 3: webhooks, received by a real HTTP server in this process. */

interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

let world: World;
let db: Db;
let server: http.Server;
let base = "";
const received: Received[] = [];
/** Status (and body) answered per path; 200 otherwise. */
const answers = new Map<string, { status: number; body: string }>();
const secrets: Record<string, string> = {};

const minute = 60_000;
const hour = 60 * minute;

async function secretOf(path: string, make: () => Promise<{ secret: string }>) {
  secrets[path] = (await make()).secret;
}

/** Checks the signature as a receiver would: HMAC-SHA256 of "t.body" with the endpoint's secret, compared in constant time. */
function verify(request: Received, now: Date) {
  const header = String(request.headers["x-edubridge-signature"]);
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
  expect(match, header).not.toBeNull();
  const [, t, v1] = match!;
  // The timestamp is the attempt's time: a receiver refuses one more than five minutes off its clock.
  expect(Math.abs(Number(t) * 1000 - now.getTime())).toBeLessThan(5 * minute);
  const expected = createHmac("sha256", secrets[request.path]!).update(`${t}.${request.body}`).digest();
  expect(timingSafeEqual(expected, Buffer.from(v1!, "hex"))).toBe(true);
  const body = JSON.parse(request.body) as { id: string; type: string; data: Record<string, unknown> };
  expect(request.headers["x-edubridge-event-id"]).toBe(body.id);
  expect(request.headers["x-edubridge-event"]).toBe(body.type);
  return body;
}

const at = (path: string) => received.filter((r) => r.path === path);
const failure = async (call: Promise<unknown>) => {
  const error = await call.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(TRPCError);
  return error as TRPCError;
};

beforeAll(async () => {
  world = await buildWorld();
  db = world.db;
  server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (c: Buffer) => chunks.push(c));
    request.on("end", () => {
      const path = request.url ?? "/";
      received.push({ path, headers: request.headers, body: Buffer.concat(chunks).toString("utf8") });
      const answer = answers.get(path) ?? { status: 200, body: "ok" };
      response.writeHead(answer.status).end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const host = await callerFor(db, world.ids.enterprise);
  const school = await callerFor(db, world.ids.school);
  const other = await callerFor(db, world.ids.otherEnterprise);
  const admin = await callerFor(db, world.ids.admin);
  const all = ["application.received", "posting.approved", "placement.started", "complaint.filed"] as const;
  await secretOf("/host", () => host.webhooks.create({ organisationId: world.enterprise.organisationId, url: `${base}/host`, events: [...all] }));
  await secretOf("/school", () => school.webhooks.create({ organisationId: world.school.organisationId, url: `${base}/school`, events: ["placement.started", "complaint.filed"] }));
  await secretOf("/other", () => other.webhooks.create({ organisationId: world.otherEnterprise.organisationId, url: `${base}/other`, events: [...all] }));
  await secretOf("/guangzhou", () => admin.webhooks.createAuthority({ regionCode: "440100", url: `${base}/guangzhou`, events: [...all] }));
  await secretOf("/beijing", () => admin.webhooks.createAuthority({ regionCode: "110000", url: `${base}/beijing`, events: [...all] }));
}, 120_000);

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

async function user(id: string) {
  return (await createContext({ db, userId: id })).user as SessionUser;
}

/** A posting awaiting review, of one seat (the host's 10% cap leaves room for a few). */
async function submittedPosting() {
  const { id } = await createPosting(db, { organisationId: world.enterprise.organisationId, userId: world.enterprise.userId, posting: { ...world.postings.draft.input, quantity: 1 }, submit: true });
  return id;
}

describe("webhook events and deliveries", () => {
  it("delivers each of the four events once, signed, to the subscribed endpoints of the entitled organisations and regions", async () => {
    // The world's own events happened before any endpoint existed: none of them is delivered.
    const now = new Date();
    await deliverWebhooks(db, now);
    expect(received).toEqual([]);

    const admin = await callerFor(db, world.ids.admin);
    await admin.postings.approve({ postingId: world.postings.submitted.id });
    const application = await (await callerFor(db, world.ids.student)).applications.submit({ postingId: world.postings.submitted.id, coverNote: "" });
    await startPlacement(db, await user(world.ids.enterprise), world.placements.ready, monthStart(6));
    const complaint = await (await callerFor(db, world.ids.student)).complaints.file({ placementId: world.placements.running, category: "fees", reporter: "student", description: "要求交纳实习管理费五百元。" });

    const sent = new Date(now.getTime() + 1000);
    expect((await deliverWebhooks(db, sent)).attempted).toBe(9);
    // Nothing twice: a second run finds nothing due.
    expect((await deliverWebhooks(db, new Date(sent.getTime() + 1000))).attempted).toBe(0);

    const types = (path: string) => at(path).map((r) => verify(r, sent).type).sort();
    expect(types("/host")).toEqual(["application.received", "placement.started", "posting.approved"]);
    expect(types("/school")).toEqual(["complaint.filed", "placement.started"]);
    expect(types("/other")).toEqual([]);
    expect(types("/guangzhou")).toEqual(["application.received", "complaint.filed", "placement.started", "posting.approved"]);
    expect(types("/beijing")).toEqual([]);

    // Minimum data: ids for organisations, no student name; authorities a masked name and a regional pseudonym.
    const [name] = (await db.select({ name: users.name }).from(users).where(eq(users.id, world.ids.student))).map((u) => u.name);
    for (const r of received) expect(r.body).not.toContain(name!);
    const applicationEvent = at("/host").map((r) => verify(r, sent)).find((b) => b.type === "application.received")!;
    expect(applicationEvent.data).toMatchObject({ applicationId: application.id, postingId: world.postings.submitted.id, hostId: world.enterprise.organisationId });
    expect(applicationEvent.data).not.toHaveProperty("student");
    const complaintEvent = at("/guangzhou").map((r) => verify(r, sent)).find((b) => b.type === "complaint.filed")!;
    expect(complaintEvent.data).toMatchObject({ complaintId: complaint.id, hostId: world.enterprise.organisationId, student: { name: `${[...name!][0]}${"*".repeat([...name!].length - 1)}` } });
    expect(complaintEvent.data).not.toHaveProperty("description");
    expect((complaintEvent.data.student as { ref: string }).ref).toMatch(/^[0-9a-f]{24}$/);
    expect(JSON.stringify(complaintEvent)).not.toContain(world.ids.student);
    // The school's copy of the complaint names no host (the host is never told, and needs not be named to the school's systems).
    expect(at("/school").map((r) => verify(r, sent)).find((b) => b.type === "complaint.filed")!.data).not.toHaveProperty("hostId");

    // Every attempt is logged with its status code and duration.
    const logged = await db.select().from(webhookAttempts);
    expect(logged).toHaveLength(9);
    expect(logged.every((a) => a.statusCode === 200 && a.responseBody === "ok" && a.durationMs >= 0)).toBe(true);
  });

  it("retries a failing receiver on the backoff schedule, gives up after a day, and re-sends on the owner's request", async () => {
    const host = await callerFor(db, world.ids.enterprise);
    const { id: endpointId } = await host.webhooks.create({ organisationId: world.enterprise.organisationId, url: `${base}/failing`, events: ["posting.approved"] }).then((e) => ((secrets["/failing"] = e.secret), e));
    answers.set("/failing", { status: 503, body: "x".repeat(5000) });
    const postingId = await submittedPosting();
    await approvePosting(db, postingId, world.ids.admin);

    const t0 = new Date(Date.now() + 10_000);
    const attemptsAt = (when: Date) => deliverWebhooks(db, when).then(() => at("/failing").length);
    expect(await attemptsAt(t0)).toBe(1);
    // Each retry is due exactly one delay after the previous attempt, and not a second before.
    // 1 min, 5 min, 30 min, 2 h, 6 h, then 6 h again while the day lasts.
    const delays = [...retryDelaysMs, 6 * hour, 6 * hour];
    let last = t0.getTime();
    for (const [i, delay] of delays.entries()) {
      expect(await attemptsAt(new Date(last + delay - 1000))).toBe(i + 1);
      last += delay;
      expect(await attemptsAt(new Date(last))).toBe(i + 2);
    }
    // 20 h 36 min after the first: the next wait would pass the day, so the delivery has failed.
    const [delivery] = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpointId));
    expect(delivery).toMatchObject({ status: "failed", attempts: 8, lastStatusCode: 503 });
    expect(await attemptsAt(new Date(t0.getTime() + 48 * hour))).toBe(8);
    const log = await db.select().from(webhookAttempts).where(eq(webhookAttempts.deliveryId, delivery!.id));
    expect(log.map((a) => a.attemptedAt.getTime() - t0.getTime()).sort((a, b) => a - b)).toEqual([0, 1, 6, 36, 156, 516, 876, 1236].map((m) => m * minute));
    expect(log.every((a) => a.statusCode === 503 && a.responseBody.length === 2048)).toBe(true);

    // The owner sees it and re-sends it; the receiver is back.
    const listed = await host.webhooks.deliveries({ organisationId: world.enterprise.organisationId, endpointId });
    expect(listed.map((d) => ({ status: d.status, attempts: d.attemptLog.length }))).toEqual([{ status: "failed", attempts: 8 }]);
    answers.delete("/failing");
    await host.webhooks.redeliver({ organisationId: world.enterprise.organisationId, deliveryId: delivery!.id });
    const later = new Date(t0.getTime() + 50 * hour);
    expect(await attemptsAt(later)).toBe(9);
    verify(at("/failing")[8]!, later);
    // The same event id on every attempt: the receiver deduplicates by it.
    expect(new Set(at("/failing").map((r) => r.headers["x-edubridge-event-id"])).size).toBe(1);
    expect((await host.webhooks.deliveries({ organisationId: world.enterprise.organisationId, endpointId }))[0]).toMatchObject({ status: "succeeded", lastStatusCode: 200 });
  });

  it("writes no event when the domain transaction rolls back", async () => {
    const postingId = await submittedPosting();
    const eventsBefore = (await db.select({ n: count() }).from(webhookEvents))[0]!.n;
    const rollback = new Error("rolled back after the approval");
    await expect(
      withTransaction(db, async (tx) => {
        await approvePosting(tx, postingId, world.ids.admin);
        // The event is there inside the transaction…
        expect((await tx.select({ n: count() }).from(webhookEvents))[0]!.n).toBe(eventsBefore + 1);
        throw rollback;
      }),
    ).rejects.toBe(rollback);
    // …and gone with it, as is the approval.
    expect((await db.select({ n: count() }).from(webhookEvents))[0]!.n).toBe(eventsBefore);
    expect((await db.select({ status: postings.status }).from(postings).where(eq(postings.id, postingId)))[0]!.status).toBe("submitted");
  });
});

describe("webhook endpoints: who may register, and where to", () => {
  it("refuses plain HTTP and private, link-local and reserved addresses, and writes nothing", async () => {
    const host = await callerFor(db, world.ids.enterprise);
    const before = (await db.select({ n: count() }).from(webhookEndpoints))[0]!.n;
    const cases: [string, string][] = [
      ["http://example.com/hook", "errors.webhookUrlHttps"],
      ["https://10.1.2.3/hook", "errors.webhookUrlBlocked"],
      ["https://192.168.1.10/hook", "errors.webhookUrlBlocked"],
      ["https://169.254.169.254/latest/meta-data", "errors.webhookUrlBlocked"],
      ["https://[::ffff:172.16.0.1]/hook", "errors.webhookUrlBlocked"],
      ["https://[fd00::1]/hook", "errors.webhookUrlBlocked"],
      ["https://user:pass@example.com/hook", "errors.webhookUrlInvalid"],
      ["ftp://example.com/hook", "errors.webhookUrlInvalid"],
    ];
    for (const [url, key] of cases) {
      const error = await failure(host.webhooks.create({ organisationId: world.enterprise.organisationId, url, events: ["posting.approved"] }));
      expect([url, error.code, (error as unknown as { fields: Record<string, string> }).fields.url]).toEqual([url, "BAD_REQUEST", key]);
    }
    expect((await db.select({ n: count() }).from(webhookEndpoints))[0]!.n).toBe(before);
    // Production: loopback too, whatever name leads there.
    expect(addressAllowed("127.0.0.1", { allowLoopback: false })).toBe(false);
    expect(addressAllowed("::1", { allowLoopback: false })).toBe(false);
    expect(addressAllowed("100.64.0.1", { allowLoopback: true })).toBe(false);
    expect(addressAllowed("203.0.114.1", { allowLoopback: false })).toBe(true);
  });

  it("checks the address again at delivery: a name that now leads to a private address receives nothing", async () => {
    const host = await callerFor(db, world.ids.enterprise);
    // Registered while loopback is allowed (development); delivered under production's policy.
    const port = (server.address() as AddressInfo).port;
    const { id: endpointId } = await host.webhooks.create({ organisationId: world.enterprise.organisationId, url: `https://localhost:${port}/rebound`, events: ["posting.approved"] });
    await approvePosting(db, await submittedPosting(), world.ids.admin);
    const now = new Date(Date.now() + 60 * hour);
    await deliverWebhooks(db, now, { allowLoopback: false });
    expect(at("/rebound")).toEqual([]);
    const [delivery] = await host.webhooks.deliveries({ organisationId: world.enterprise.organisationId, endpointId });
    expect(delivery).toMatchObject({ status: "pending", attempts: 1 });
    expect(delivery!.attemptLog.map((a) => ({ statusCode: a.statusCode, error: a.error }))).toEqual([{ statusCode: null, error: "errors.webhookUrlBlocked" }]);
    await host.webhooks.delete({ organisationId: world.enterprise.organisationId, endpointId });
  });

  it("lets only an organisation's owners manage its endpoints, and keeps another owner's endpoints and deliveries out of reach", async () => {
    const [staffId] = (await db.insert(users).values({ name: "企业职员", email: "staff-webhooks@example.com", passwordHash: "x", role: "enterprise" }).returning({ id: users.id })).map((u) => u.id);
    await db.insert(memberships).values({ userId: staffId!, organisationId: world.enterprise.organisationId, role: "staff" });
    const staff = await callerFor(db, staffId);
    expect((await failure(staff.webhooks.list({ organisationId: world.enterprise.organisationId }))).code).toBe("FORBIDDEN");
    expect((await failure(staff.webhooks.create({ organisationId: world.enterprise.organisationId, url: `${base}/staff`, events: ["posting.approved"] }))).code).toBe("FORBIDDEN");
    const student = await callerFor(db, world.ids.student);
    expect((await failure(student.webhooks.authorities())).code).toBe("FORBIDDEN");

    const other = await callerFor(db, world.ids.otherEnterprise);
    const hostEndpoint = (await db.select({ id: webhookEndpoints.id }).from(webhookEndpoints).where(eq(webhookEndpoints.url, `${base}/host`)))[0]!.id;
    const [hostDelivery] = await db.select({ id: webhookDeliveries.id }).from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, hostEndpoint)).limit(1);
    const mine = { organisationId: world.otherEnterprise.organisationId };
    expect((await failure(other.webhooks.delete({ ...mine, endpointId: hostEndpoint }))).code).toBe("NOT_FOUND");
    expect((await failure(other.webhooks.setActive({ ...mine, endpointId: hostEndpoint, active: false }))).code).toBe("NOT_FOUND");
    expect((await failure(other.webhooks.redeliver({ ...mine, deliveryId: hostDelivery!.id }))).code).toBe("NOT_FOUND");
    expect(await other.webhooks.deliveries({ ...mine, endpointId: hostEndpoint })).toEqual([]);
    // An authority's endpoint is the administrators' only.
    const authorityEndpoint = (await db.select({ id: webhookEndpoints.id }).from(webhookEndpoints).where(eq(webhookEndpoints.url, `${base}/guangzhou`)))[0]!.id;
    expect((await failure(other.webhooks.delete({ ...mine, endpointId: authorityEndpoint }))).code).toBe("NOT_FOUND");
    // The secret is never listed again.
    expect(JSON.stringify(await (await callerFor(db, world.ids.enterprise)).webhooks.list({ organisationId: world.enterprise.organisationId }))).not.toContain("whsec_");
    // A county is not an authority's region.
    const admin = await callerFor(db, world.ids.admin);
    const county = await failure(admin.webhooks.createAuthority({ regionCode: "440106", url: `${base}/county`, events: ["posting.approved"] }));
    expect(county.code).toBe("BAD_REQUEST");
  });
});

describe("the delivery log", () => {
  it("keeps finished deliveries for a month, and pending ones until they finish", async () => {
    const pendingEvents = [...new Set((await db.select({ eventId: webhookDeliveries.eventId }).from(webhookDeliveries).where(eq(webhookDeliveries.status, "pending"))).map((d) => d.eventId))].sort();
    expect(pendingEvents.length).toBeGreaterThan(0);
    const events = (await db.select({ n: count() }).from(webhookEvents))[0]!.n;
    // A day later every event keeps its log.
    await pruneWebhookLog(db, new Date(Date.now() + 24 * hour));
    expect((await db.select({ n: count() }).from(webhookEvents))[0]!.n).toBe(events);
    await pruneWebhookLog(db, new Date(Date.now() + (keepDaysAfterDone + 3) * 24 * hour));
    const left = await db.select({ id: webhookEvents.id, dispatchedAt: webhookEvents.dispatchedAt }).from(webhookEvents);
    expect(left.filter((e) => e.dispatchedAt !== null).map((e) => e.id).sort()).toEqual(pendingEvents);
    // The finished deliveries and their attempts went with their events.
    expect((await db.select({ n: count() }).from(webhookDeliveries).where(eq(webhookDeliveries.status, "succeeded")))[0]!.n).toBe(0);
    expect((await db.select({ n: count() }).from(webhookAttempts).where(eq(webhookAttempts.statusCode, 200)))[0]!.n).toBe(0);
  });
});
