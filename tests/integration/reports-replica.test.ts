import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { postings } from "@/db/schema";
import { configuredEngine } from "@/db/engine";
import { isPostgres } from "@/db/transaction";
import { openReportsDb } from "@/server/db";
import { translator } from "@/server/i18n/messages";
import { approvePosting, createPosting } from "@/server/postings/manage";
import { reportTables } from "@/server/reports/export";
import { platformOverview } from "@/server/reports/outcomes";
import { supplyDemand } from "@/server/reports/supply-demand";
import { createCaller } from "@/server/root";
import { postingInput } from "@/server/schemas/postings";
import { createContext } from "@/server/trpc";
import { createTestDb, testDbUrl } from "../helpers/db";
import { createAdmin, createEnterprise, placementInput } from "../helpers/factories";
import { buildWorld } from "../helpers/world";

describe("reports off the primary (REPORTS_DATABASE_URL)", () => {
  it("read the primary when no replica is named", async () => {
    const db = await createTestDb();
    expect((await createContext({ db, userId: null })).reportsDb).toBe(db);
    expect(openReportsDb(db, undefined)).toBe(db);
  });

  // A replica needs PostgreSQL (the setting is refused on SQLite: server/env.ts).
  it.runIf(configuredEngine() === "postgres")("read the replica's data through the procedures and the export, while writes go to the primary", async () => {
    const world = await buildWorld();
    const primary = world.db;
    expect(isPostgres(primary)).toBe(true);
    // A second database standing in for the replica, holding different data: one host with 7 open seats in Nanjing.
    const replica = await createTestDb();
    const admin = await createAdmin(replica);
    const host = await createEnterprise(replica, { regionCode: "320102", industryCode: "8411", staffCount: 5000 });
    const { id } = await createPosting(replica, { organisationId: host.organisationId, userId: host.userId, posting: postingInput.parse({ ...placementInput({ quantity: 7, regionCode: "320102", industryCode: "8411", specialtyCodes: ["520201"] }), postId: host.postId }), submit: true });
    await approvePosting(replica, id, admin.id);

    const reportsDb = openReportsDb(primary, testDbUrl(replica));
    expect(reportsDb).not.toBe(primary);
    const caller = createCaller(await createContext({ db: primary, userId: world.ids.admin, reportsDb }));
    const fromReplica = await supplyDemand(replica);
    expect(fromReplica.totals.demand).toBe(7);
    expect((await supplyDemand(primary)).totals.demand).not.toBe(7);
    expect(await caller.reports.supplyDemand({})).toEqual(fromReplica);
    expect(await caller.reports.overview()).toEqual(await platformOverview(replica));
    const t = translator("zh-CN");
    expect((await reportTables(caller, "supply-demand", new URLSearchParams(), t))[0]!.rows[0]!.demand).toBe(7);

    // A write through the same caller lands on the primary only; the reports still read the replica.
    const before = (await supplyDemand(primary)).totals.demand;
    await caller.postings.approve({ postingId: world.postings.submitted.id });
    expect((await primary.select({ status: postings.status }).from(postings).where(eq(postings.id, world.postings.submitted.id)))[0]?.status).toBe("published");
    expect(await replica.select().from(postings).where(eq(postings.id, world.postings.submitted.id))).toEqual([]);
    expect((await supplyDemand(primary)).totals.demand).toBeGreaterThan(before);
    expect((await caller.reports.supplyDemand({})).totals.demand).toBe(7);
    await (reportsDb as unknown as { $client: { end: () => Promise<void> } }).$client.end();
  });
});
