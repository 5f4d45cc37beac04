import fs from "node:fs";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { rawRows, rawRun } from "@/db/sql";
import { configuredEngine } from "@/db/engine";
import { isPostgres } from "@/db/transaction";
import { seatHoldingPlacementStatuses } from "@/db/schema";
import { approvePosting, createPosting } from "@/server/postings/manage";
import { demandKinds, supplyDemand } from "@/server/reports/supply-demand";
import { platformOverview } from "@/server/reports/outcomes";
import { postingInput } from "@/server/schemas/postings";
import { createEnterprise, createInvitationFor, createSchool, createStudent, placementInput } from "../helpers/factories";
import { buildWorld } from "../helpers/world";

/** A small deterministic PRNG (mulberry32), so a failing sequence can be replayed. */
function prng(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)), pick: <T,>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]! };
}

type Db = Awaited<ReturnType<typeof buildWorld>>["db"];
const num = (v: unknown) => Number(v);
const bool = (v: unknown) => v === true || v === 1 || v === "1";

/**
 * The old way: every posting, specialty, placement and map entry read and the demand computed here, independently
 * of the triggers — a posting's open seats shared over its named classes (or the map's, when it names none).
 */
async function scanDemand(db: Db) {
  const posts = await rawRows<{ id: string; status: string; kind: string; host_verified: unknown; quantity: number; apply_by: string; province_code: string; city_code: string; industry_division: string }>(
    db,
    sql`select id, status, kind, host_verified, quantity, apply_by, province_code, city_code, industry_division from postings`,
  );
  const specs = await rawRows<{ posting_id: string; class_domain: string }>(db, sql`select posting_id, class_domain from posting_specialties`);
  const held = await rawRows<{ posting_id: string; status: string }>(db, sql`select posting_id, status from placements`);
  const map = await rawRows<{ domain_code: string; primary_divisions: unknown }>(db, sql`select domain_code, primary_divisions from specialty_industry_map`);
  const divisions = map.map((m) => ({ code: m.domain_code, divisions: (typeof m.primary_divisions === "string" ? JSON.parse(m.primary_divisions) : m.primary_divisions) as string[] }));
  const rows: { posting: string; classCode: string; inferred: boolean; applyBy: string; province: string; city: string; seats: number }[] = [];
  for (const p of posts) {
    if (p.status !== "published" || !bool(p.host_verified) || !(demandKinds as readonly string[]).includes(p.kind)) continue;
    const named = [...new Set(specs.filter((s) => s.posting_id === p.id).map((s) => s.class_domain))];
    const classes = (named.length ? named : divisions.filter((m) => m.divisions.includes(p.industry_division)).map((m) => m.code)).sort();
    const open = Math.max(num(p.quantity) - held.filter((h) => h.posting_id === p.id && seatHoldingPlacementStatuses.includes(h.status as never)).length, 0);
    classes.forEach((c, i) => {
      const seats = Math.floor(open / classes.length) + (i < open % classes.length ? 1 : 0);
      if (seats > 0) rows.push({ posting: p.id, classCode: c, inferred: named.length === 0, applyBy: p.apply_by, province: p.province_code, city: p.city_code, seats });
    });
  }
  return rows;
}

const sorted = <T,>(xs: T[]) => xs.map((x) => JSON.stringify(x)).sort();
function sumBy<T>(rows: T[], key: (r: T) => string, n: (r: T) => number) {
  const m = new Map<string, number>();
  for (const r of rows) m.set(key(r), (m.get(key(r)) ?? 0) + n(r));
  return sorted([...m].filter(([, v]) => v !== 0).map(([k, v]) => `${k}=${v}`));
}

/** Every aggregate the reports read, compared with a fresh scan of the tables they summarise. */
async function expectAggregatesExact(db: Db, step: string) {
  const scan = await scanDemand(db);
  const perPosting = await rawRows<{ posting_id: string; class_code: string; inferred: unknown; apply_by: string; province_code: string; city_code: string; seats: number }>(db, sql`select * from report_posting_demand`);
  expect(sorted(perPosting.map((r) => ({ posting: r.posting_id, classCode: r.class_code, inferred: bool(r.inferred), applyBy: r.apply_by, province: r.province_code, city: r.city_code, seats: num(r.seats) }))), step).toEqual(sorted(scan));
  const demand = await rawRows<{ apply_by: string; province_code: string; city_code: string; class_code: string; inferred: unknown; seats: number }>(db, sql`select * from report_demand`);
  const demandKey = (r: { applyBy: string; province: string; city: string; classCode: string; inferred: boolean }) => `${r.applyBy}|${r.province}|${r.city}|${r.classCode}|${r.inferred}`;
  expect(sumBy(demand.map((r) => ({ applyBy: r.apply_by, province: r.province_code, city: r.city_code, classCode: r.class_code, inferred: bool(r.inferred), seats: num(r.seats) })), demandKey, (r) => r.seats), step).toEqual(sumBy(scan, demandKey, (r) => r.seats));
  expect(demand.every((r) => num(r.seats) > 0), step).toBe(true);

  const supply = await rawRows<{ k: string; n: number }>(db, sql`select graduation_year || '|' || province_code || '|' || city_code || '|' || class_code as k, n from report_supply`);
  const supplyScan = await rawRows<{ k: string; n: number }>(
    db,
    sql`select (sp.enrolment_year + case s.education_level when 'vocational_bachelor' then 4 else 3 end) || '|' || r.province_code || '|' || coalesce(r.city_code, r.code) || '|' || s.domain_code as k, count(*) as n
        from student_profiles sp join organisations o on o.id = sp.school_id join regions r on r.code = o.region_code join specialties s on s.code = sp.specialty_code
        group by 1`,
  );
  expect(sorted(supply.map((r) => `${r.k}=${num(r.n)}`)), step).toEqual(sorted(supplyScan.map((r) => `${r.k}=${num(r.n)}`)));

  const counts = await rawRows<{ k: string; n: number }>(db, sql`select status || '|' || kind || '|' || province_code as k, n from report_posting_counts`);
  const countScan = await rawRows<{ k: string; n: number }>(db, sql`select status || '|' || kind || '|' || province_code as k, count(*) as n from postings group by 1`);
  expect(sorted(counts.map((r) => `${r.k}=${num(r.n)}`)), step).toEqual(sorted(countScan.map((r) => `${r.k}=${num(r.n)}`)));
  const statuses = await rawRows<{ k: string; n: number }>(db, sql`select subject || '|' || status as k, n from report_status_counts`);
  const statusScan = await rawRows<{ k: string; n: number }>(db, sql`select 'applications|' || status as k, count(*) as n from applications group by status union all select 'placements|' || status, count(*) from placements group by status`);
  expect(sorted(statuses.map((r) => `${r.k}=${num(r.n)}`)), step).toEqual(sorted(statusScan.map((r) => `${r.k}=${num(r.n)}`)));
  return scan;
}

/**
 * The migration's backfills (what an existing database, such as the 1M bench database, gets when migrated): each
 * INSERT … SELECT of the custom migration run as its SELECT must give exactly the rows the triggers keep.
 */
async function expectBackfillsExact(db: Db) {
  const file = isPostgres(db) ? "drizzle/pg/0006_reports_custom.sql" : "drizzle/sqlite/0020_reports_custom.sql";
  const statements = fs.readFileSync(file, "utf8").split("--> statement-breakpoint").map((st) => st.replace(/^\s*(--[^\n]*\n)*/g, "").trim());
  const backfills = statements.filter((st) => /^INSERT INTO report_\w+ \([^)]*\)\s*SELECT/.test(st));
  expect(backfills.map((st) => st.match(/^INSERT INTO (report_\w+)/)![1])).toEqual(["report_posting_demand", "report_demand", "report_supply", "report_posting_counts", "report_status_counts"]);
  const normal = (rows: Record<string, unknown>[]) => sorted(rows.map((r) => Object.values(r).map((v) => (typeof v === "boolean" ? Number(v) : typeof v === "string" && /^-?\d+$/.test(v) ? v : typeof v === "number" || typeof v === "bigint" ? String(v) : v))));
  for (const st of backfills) {
    const table = st.match(/^INSERT INTO (report_\w+) \(([^)]*)\)/)!;
    const select = st.slice(table[0].length).replace(/;\s*$/, "");
    expect(normal(await rawRows(db, sql.raw(select))), table[1]).toEqual(normal(await rawRows(db, sql.raw(`select ${table[2]} from ${table[1]}`))));
  }
}

describe("the report aggregates", () => {
  it("equal a fresh scan after every write of a random sequence (publish, approve, close, seats, specialties, placements, students, map, delete)", async () => {
    const world = await buildWorld();
    const db = world.db;
    await expectAggregatesExact(db, "the world");
    const r = prng(20261130);
    // Large hosts, so that the intern caps (10% of staff, 20% of a post) never refuse a random posting.
    const first = await createEnterprise(db, { regionCode: "440106", industryCode: "6513", staffCount: 100000 });
    const second = await createEnterprise(db, { regionCode: "320102", industryCode: "8411", staffCount: 100000 });
    const school = await createSchool(db, { regionCode: "440305" });
    const { code } = await createInvitationFor(db, school);
    const hosts = [first, second];
    const specialtiesByClass = ["510201", "510203", "520201", "520301", "530101"];
    const regionsToUse = ["440106", "440305", "320102", "110108"];
    const postingIds = async () => (await rawRows<{ id: string }>(db, sql`select id from postings order by id`)).map((p) => p.id);
    const students: string[] = [];
    const steps: [string, () => Promise<unknown>][] = [
      ["publish", async () => {
        const host = r.pick(hosts);
        const codes = [...new Set([r.pick(specialtiesByClass), r.pick(specialtiesByClass)])];
        const industryCode = host === second ? "8411" : "6513";
        const { id } = await createPosting(db, { organisationId: host.organisationId, userId: host.userId, posting: postingInput.parse({ ...placementInput({ quantity: r.int(1, 8), regionCode: r.pick(regionsToUse), industryCode, specialtyCodes: codes }), postId: host.postId }), submit: true });
        if (r.int(0, 3) > 0) await approvePosting(db, id, world.ids.admin);
      }],
      ["close", async () => rawRun(db, sql`update postings set status = 'closed' where id = ${r.pick(await postingIds())}`)],
      ["reopen", async () => rawRun(db, sql`update postings set status = 'published' where id = ${r.pick(await postingIds())}`)],
      ["seats", async () => rawRun(db, sql`update postings set quantity = ${r.int(0, 50)} where id = ${r.pick(await postingIds())}`)],
      ["apply-by", async () => rawRun(db, sql`update postings set apply_by = ${r.pick(["2020-01-01", "2030-06-30", "2031-01-15"])} where id = ${r.pick(await postingIds())}`)],
      ["region", async () => rawRun(db, sql`update postings set region_code = '110108', province_code = '110000', city_code = '110100' where id = ${r.pick(await postingIds())}`)],
      ["no specialties", async () => rawRun(db, sql`delete from posting_specialties where posting_id = ${r.pick(await postingIds())}`)],
      ["add a specialty", async () => {
        const id = r.pick(await postingIds());
        await rawRun(db, sql`delete from posting_specialties where posting_id = ${id} and specialty_code = '520201'`);
        await rawRun(db, sql`insert into posting_specialties (posting_id, specialty_code, class_domain, group_domain) values (${id}, '520201', '1202', '12')`);
      }],
      ["industry", async () => rawRun(db, sql`update postings set industry_code = '8411', industry_division = '84' where id = ${r.pick(await postingIds())}`)],
      ["host verification", async () => rawRun(db, sql`update organisations set verification_status = ${r.pick(["pending", "verified", "verified"])} where id = ${r.pick([...hosts, world.enterprise]).organisationId}`)],
      ["placement status", async () => {
        // A seat-holding placement ends, or an ended one holds its seat again (on whichever posting it is).
        const rows = await rawRows<{ id: string; status: string }>(db, sql`select id, status from placements order by id`);
        const one = rows.length ? r.pick(rows) : undefined;
        const holding = one && (seatHoldingPlacementStatuses as readonly string[]).includes(one.status);
        if (one) await rawRun(db, sql`update placements set status = ${holding ? r.pick(["completed", "terminated"]) : r.pick(["pending_approval", "approved", "active"])} where id = ${one.id}`);
      }],
      ["application status", async () => {
        const ids = (await rawRows<{ id: string }>(db, sql`select id from applications order by id`)).map((p) => p.id);
        if (ids.length) await rawRun(db, sql`update applications set status = ${r.pick(["submitted", "rejected", "withdrawn"])} where id = ${r.pick(ids)}`);
      }],
      ["student joins", async () => students.push((await createStudent(db, code, { specialtyCode: r.pick(specialtiesByClass), enrolmentYear: r.int(2023, 2026) })).userId)],
      ["student changes", async () => {
        if (students.length) await rawRun(db, sql`update student_profiles set specialty_code = ${r.pick(specialtiesByClass)}, enrolment_year = ${r.int(2023, 2026)} where user_id = ${r.pick(students)}`);
      }],
      ["school moves", async () => rawRun(db, sql`update organisations set region_code = ${r.pick(["440305", "320102", "110108"])} where id = ${school.organisationId}`)],
      ["student leaves", async () => {
        if (students.length) await rawRun(db, sql`delete from users where id = ${students.splice(r.int(0, students.length - 1), 1)[0]!}`);
      }],
      ["map edit", async () => rawRun(db, sql`update specialty_industry_map set primary_divisions = ${r.pick([`["84"]`, `["84","85"]`, `["65"]`])} where domain_code = ${r.pick(["1202", "1203", "1102"])}`)],
      ["delete a posting", async () => rawRun(db, sql`delete from postings where id = ${r.pick(await postingIds())}`)],
    ];
    // PostgreSQL's jsonb column takes the JSON text as jsonb.
    const done = new Set<string>();
    for (let i = 0; i < 120; i++) {
      const [name, step] = i < steps.length ? steps[i]! : r.pick(steps);
      await step();
      done.add(name);
      if (i % 4 === 3 || i < steps.length) await expectAggregatesExact(db, `step ${i}: ${name}`);
    }
    expect(done.size).toBe(steps.length);
    const scan = await expectAggregatesExact(db, "the end");
    await expectBackfillsExact(db);
    // The report reads the aggregates: its total demand is the open seats of the open postings, each counted once.
    const today = "2026-01-01";
    const report = await supplyDemand(db, { today });
    expect(report.totals.demand).toBe(scan.filter((s) => s.applyBy >= today).reduce((a, s) => a + s.seats, 0));
    expect(report.totals.demand).toBeGreaterThan(0);
    // The overview's posting counts are the table's.
    const overview = await platformOverview(db);
    const total = Number((await rawRows<{ n: number }>(db, sql`select count(*) as n from postings`))[0]!.n);
    expect(overview.postingsByStatus.reduce((a, s) => a + s.count, 0)).toBe(total);
    expect(overview.students).toBe(Number((await rawRows<{ n: number }>(db, sql`select count(*) as n from student_profiles`))[0]!.n));
  });

  // Several instances write at once on PostgreSQL: two transactions changing one posting's demand (its seats, its
  // specialties) overlap; the per-posting lock in the triggers makes the second recompute after the first commits,
  // where it would otherwise insert rows the first already inserted (a unique violation) or leave stale ones.
  it.runIf(configuredEngine() === "postgres")("stay exact when two transactions change one posting at once (PostgreSQL)", async () => {
    const world = await buildWorld();
    const db = world.db;
    const host = await createEnterprise(db, { regionCode: "440106", industryCode: "6513", staffCount: 100000 });
    const { id } = await createPosting(db, { organisationId: host.organisationId, userId: host.userId, posting: postingInput.parse({ ...placementInput({ quantity: 9, regionCode: "440106", specialtyCodes: ["510201"] }), postId: host.postId }), submit: true });
    await approvePosting(db, id, world.ids.admin);
    const client = (db as unknown as { $client: { begin: (fn: (tx: (s: TemplateStringsArray, ...v: unknown[]) => Promise<unknown>) => Promise<unknown>) => Promise<unknown> } }).$client;
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    for (let round = 0; round < 3; round++) {
      await Promise.all([
        client.begin(async (tx) => {
          await tx`update postings set quantity = quantity + 1 where id = ${id}`;
          await tx`select pg_sleep(0.3)`;
        }),
        (async () => {
          await pause(100);
          await client.begin(async (tx) => {
            await tx`delete from posting_specialties where posting_id = ${id}`;
            await tx`insert into posting_specialties (posting_id, specialty_code, class_domain, group_domain) values (${id}, ${round % 2 ? "520201" : "510201"}, ${round % 2 ? "1202" : "1102"}, ${round % 2 ? "12" : "11"})`;
          });
        })(),
      ]);
      await expectAggregatesExact(db, `round ${round}`);
    }
  });
});
