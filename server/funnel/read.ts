import { and, count, eq, gte, inArray, lt, lte, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/create";
import { applications, openApplicationStatuses, placements, postings, regions, tables, type PostingKind } from "../../db/schema";
import { onEngine } from "../../db/sql";
import { chinaDateOf } from "../schemas/accounts";
import { funnelSources, funnelStages, type FunnelSource, type FunnelStage } from "./sources";

export type StageCounts = Record<FunnelStage, number>;

export interface FunnelRow extends StageCounts {
  day: string;
  source: FunnelSource;
}

export interface DayRange {
  /** First and last China-time day, inclusive (YYYY-MM-DD). */
  from: string;
  to: string;
}

const dayMs = 86_400_000;

/** The last `days` days up to today (China time). */
export function lastDays(days: number, now = Date.now()): DayRange {
  return { from: chinaDateOf(now - (days - 1) * dayMs), to: chinaDateOf(now) };
}

/** The instants bounding a day range: from 00:00 of `from` to 00:00 after `to`, China time. */
function instants(range: DayRange) {
  return { start: new Date(`${range.from}T00:00:00+08:00`), end: new Date(Date.parse(`${range.to}T00:00:00+08:00`) + dayMs) };
}

const zero = (): StageCounts => ({ impressions: 0, views: 0, applications: 0, interviews: 0, offers: 0, placements: 0 });

function isSource(value: string): value is FunnelSource {
  return (funnelSources as readonly string[]).includes(value);
}

/**
 * What an application counts as, read from the applications table itself (no second log): every application made;
 * an interview once one was arranged (interview_at is set by that move and kept); an offer once one was made
 * (offer_start_date, required by the offer, is kept through acceptance, decline or withdrawal); a placement once the
 * accepted offer became one. Counted on the day the application was made (a cohort: each stage ≤ the one before).
 */
function stageCounts() {
  return {
    applications: count(),
    interviews: sql<number>`sum(case when ${applications.interviewAt} is not null then 1 else 0 end)`,
    offers: sql<number>`sum(case when ${applications.offerStartDate} is not null then 1 else 0 end)`,
    placements: sql<number>`sum(case when ${placements.id} is not null then 1 else 0 end)`,
  };
}

/**
 * An application's source is where the student had come to the page from before applying (funnel_view_sources
 * keeps the first search or recommendation, with its time); none before the application, or never seen: direct.
 */
function sourceJoin() {
  const { funnelViewSources } = tables;
  return and(eq(funnelViewSources.postingId, applications.postingId), eq(funnelViewSources.studentId, applications.studentId), lte(funnelViewSources.viewedAt, applications.createdAt));
}

/** A posting's funnel per day and source over a range: impressions and views counted, the rest from applications. */
export async function postingFunnel(db: Db, postingId: string, range: DayRange) {
  const { funnelDaily, funnelViewSources } = tables;
  const { start, end } = instants(range);
  const counted = await db
    .select({ day: funnelDaily.day, source: funnelDaily.source, impressions: sql<number>`sum(${funnelDaily.impressions})`, views: sql<number>`sum(${funnelDaily.views})` })
    .from(funnelDaily)
    .where(and(eq(funnelDaily.postingId, postingId), gte(funnelDaily.day, range.from), lte(funnelDaily.day, range.to)))
    .groupBy(funnelDaily.day, funnelDaily.source);
  const day: SQL<string> = onEngine(db, {
    sqlite: sql<string>`strftime('%Y-%m-%d', (${applications.createdAt} / 1000) + 28800, 'unixepoch')`,
    postgres: sql<string>`to_char(${applications.createdAt} AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')`,
  });
  const source = sql<string>`coalesce(${funnelViewSources.source}, 'direct')`;
  const derived = await db
    .select({ day, source, ...stageCounts() })
    .from(applications)
    .leftJoin(funnelViewSources, sourceJoin())
    .leftJoin(placements, eq(placements.applicationId, applications.id))
    .where(and(eq(applications.postingId, postingId), gte(applications.createdAt, start), lt(applications.createdAt, end)))
    .groupBy(day, source);

  const byKey = new Map<string, FunnelRow>();
  const rowOf = (day: string, source: FunnelSource) => {
    const key = `${day}|${source}`;
    let row = byKey.get(key);
    if (!row) byKey.set(key, (row = { day, source, ...zero() }));
    return row;
  };
  for (const r of counted) {
    const row = rowOf(r.day, r.source);
    row.impressions += Number(r.impressions);
    row.views += Number(r.views);
  }
  for (const r of derived) {
    const row = rowOf(r.day, isSource(r.source) ? r.source : "direct");
    row.applications += Number(r.applications);
    row.interviews += Number(r.interviews);
    row.offers += Number(r.offers);
    row.placements += Number(r.placements);
  }
  const rows = [...byKey.values()].sort((a, b) => a.day.localeCompare(b.day) || funnelSources.indexOf(a.source) - funnelSources.indexOf(b.source));
  const bySource = Object.fromEntries(funnelSources.map((s) => [s, zero()])) as Record<FunnelSource, StageCounts>;
  const total = zero();
  for (const row of rows) {
    for (const stage of funnelStages) {
      bySource[row.source][stage] += row[stage];
      total[stage] += row[stage];
    }
  }
  return { ...range, rows, bySource, total };
}

export type PostingFunnel = Awaited<ReturnType<typeof postingFunnel>>;

/**
 * Funnels of every posting grouped by province and kind over a range (administrators): the same counts as
 * postingFunnel, summed. `kind` narrows to one kind of posting.
 */
export async function funnelsByRegion(db: Db, range: DayRange, kind?: PostingKind) {
  const { funnelDaily } = tables;
  const { start, end } = instants(range);
  const kindFilter = kind ? eq(postings.kind, kind) : undefined;
  const counted = await db
    .select({ provinceCode: postings.provinceCode, kind: postings.kind, impressions: sql<number>`sum(${funnelDaily.impressions})`, views: sql<number>`sum(${funnelDaily.views})` })
    .from(funnelDaily)
    .innerJoin(postings, eq(postings.id, funnelDaily.postingId))
    .where(and(gte(funnelDaily.day, range.from), lte(funnelDaily.day, range.to), kindFilter))
    .groupBy(postings.provinceCode, postings.kind);
  const derived = await db
    .select({ provinceCode: postings.provinceCode, kind: postings.kind, ...stageCounts() })
    .from(applications)
    .innerJoin(postings, eq(postings.id, applications.postingId))
    .leftJoin(placements, eq(placements.applicationId, applications.id))
    .where(and(gte(applications.createdAt, start), lt(applications.createdAt, end), kindFilter))
    .groupBy(postings.provinceCode, postings.kind);

  const byKey = new Map<string, { provinceCode: string; kind: PostingKind } & StageCounts>();
  const rowOf = (provinceCode: string, k: PostingKind) => {
    const key = `${provinceCode}|${k}`;
    let row = byKey.get(key);
    if (!row) byKey.set(key, (row = { provinceCode, kind: k, ...zero() }));
    return row;
  };
  for (const r of counted) {
    const row = rowOf(r.provinceCode, r.kind);
    row.impressions += Number(r.impressions);
    row.views += Number(r.views);
  }
  for (const r of derived) {
    const row = rowOf(r.provinceCode, r.kind);
    row.applications += Number(r.applications);
    row.interviews += Number(r.interviews);
    row.offers += Number(r.offers);
    row.placements += Number(r.placements);
  }
  const codes = [...new Set([...byKey.values()].map((r) => r.provinceCode))];
  const names = new Map((codes.length ? await db.select({ code: regions.code, name: regions.name }).from(regions).where(inArray(regions.code, codes)) : []).map((r) => [r.code, r.name]));
  const rows = [...byKey.values()]
    .map((r) => ({ ...r, provinceName: names.get(r.provinceCode) ?? r.provinceCode }))
    .sort((a, b) => a.provinceCode.localeCompare(b.provinceCode) || a.kind.localeCompare(b.kind));
  const total = zero();
  for (const row of rows) for (const stage of funnelStages) total[stage] += row[stage];
  return { ...range, kind: kind ?? null, rows, total };
}

/** Applications per posting of an organisation: every application made (withdrawn ones left out) and those still in play. */
export async function applicantCounts(db: Db, organisationId: string) {
  const rows = await db
    .select({
      postingId: applications.postingId,
      total: sql<number>`sum(case when ${applications.status} <> 'withdrawn' then 1 else 0 end)`,
      open: sql<number>`sum(case when ${inArray(applications.status, [...openApplicationStatuses])} then 1 else 0 end)`,
    })
    .from(applications)
    .where(eq(applications.hostId, organisationId))
    .groupBy(applications.postingId);
  return Object.fromEntries(rows.map((r) => [r.postingId, { total: Number(r.total), open: Number(r.open) }])) as Record<string, { total: number; open: number }>;
}
