/**
 * `npm run bench [-- --sizes 100000,1000000 --runs 200]`: search and matching latency through the tRPC
 * caller on generated data sets (npm run gen; reused when present), beside the same question answered
 * by a straightforward scan (`--naive-runs 0` skips it: at 1,000,000 postings each takes seconds). One JSON line per case:
 * {"case","postings","p50_ms","p95_ms","p99_ms","naive_p95_ms","like_p95_ms"}, then the process's resident memory.
 * For text, the plain answer is what a careful quick build would do: the FTS5 bigram table joined to the
 * postings (naive_p95_ms); LIKE '%q%' over every posting is shown beside it (like_p95_ms).
 *
 * `--cases relevance,forStudent` measures only the cases whose names contain one of the words (index.load always runs);
 * a case may then find caches colder than in a full run (a keyword's counts, kept by the text cases before it).
 *
 * `--engine postgres` (with DATABASE_URL=postgres://… naming the server) runs the same cases on PostgreSQL: each
 * size's data set is the database edubridge_bench_<size> on that server, generated there when missing (npm run gen
 * into it), reused when present. Every JSON line names its engine.
 */
import fs from "node:fs";
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { connectPostgresDb, createSqliteDb, type Db } from "../db/create";
import { configuredEngine } from "../db/engine";
import { naiveSearch, type NaiveFilters } from "../db/queries/naive-search";
import { createRandom } from "../db/random";
import { onEngine, rawRows } from "../db/sql";
import { scoreMatch } from "../server/matching/score";
import { PostingIndex, postingIndexFor } from "../server/search/posting-index";
import { restoreSnapshot, writeSnapshot } from "../server/search/index-snapshot";
import { ftsQuery, ftsQueryParts } from "../server/search/text";
import { studentMatchProfile } from "../server/matching/profile";
import { createCaller } from "../server/root";
import { todayInChina } from "../server/schemas/accounts";
import type { SearchPostingsInput } from "../server/schemas/search";
import { createContext } from "../server/trpc";
import { generateDataSet } from "./gen";
import { percentile } from "./measure";

const { values } = parseArgs({
  options: { sizes: { type: "string", default: "100000,1000000" }, students: { type: "string", default: "20000" }, runs: { type: "string", default: "200" }, "naive-runs": { type: "string", default: "10" }, only: { type: "string" }, cases: { type: "string" }, engine: { type: "string", default: "sqlite" } },
});
const engine = values.engine;
// The tables are chosen when the schema loads (db/engine.ts), so the engine is the process's: DATABASE_URL decides.
if (engine !== "sqlite" && engine !== "postgres") {
  console.error(`bench: --engine sqlite or --engine postgres, not ${engine}`);
  process.exit(2);
}
if (engine !== configuredEngine()) {
  console.error(engine === "postgres" ? "bench --engine postgres: set DATABASE_URL=postgres://… (the server; the data sets are databases edubridge_bench_<size> on it)" : "bench: unset DATABASE_URL for SQLite, or pass --engine postgres");
  process.exit(2);
}
/** One JSON line, naming the engine it was measured on. */
const emit = (fields: Record<string, unknown>) => console.log(JSON.stringify({ engine, ...fields }));
const studentCount = Number(values.students);
/** `--only reports` runs just the report aggregations (issue: reports stay interactive at scale). */
const only = values.only;
const sizes = values.sizes.split(",").map(Number);
const runs = Number(values.runs);
const naiveRuns = Number(values["naive-runs"]);
const caseWords = values.cases?.split(",").map((w) => w.trim()).filter(Boolean) ?? null;
/** Whether `--cases` asks for a case (every case without it). Cases left out still draw their random inputs, so the others see the same ones. */
const wanted = (name: string) => !caseWords || caseWords.some((w) => name.includes(w));


/**
 * Calls before a case's timed runs, so that it is timed as a server that has run a while answers. Such a server has
 * compiled its hot paths (the first calls of a case in a fresh process time V8 compiling them: tens of ms each on
 * the ranking paths) and, on PostgreSQL, opened its pool's 10 connections, prepared each statement on each of them
 * and settled the plans: PostgreSQL plans a prepared statement afresh for its first five executions on a connection
 * (custom plans; ~0.5-1 ms of bind each for the page's rows) before it keeps a generic one. Calls one at a time
 * leave most of the pool closed, to be opened (and every statement parsed again) during the timed runs, so the
 * warm-up runs `pool` calls at a time: 60 calls give each connection six executions of each statement (measured on
 * match.forStudent: 98 parses in 30 timed calls after a one-at-a-time warm-up, 8 after this one).
 * No per-user cache exists for these calls to fill.
 */
const warmUpCalls = 60;
const pool = 10;

/** `n` timed calls of a case, one at a time, after `warmUp` untimed ones (the case's own inputs in turn unless `warmUpFn` gives others). */
async function measure(n: number, fn: (i: number) => unknown, warmUp = 0, warmUpFn = (i: number) => fn(i % n)) {
  for (let i = 0; i < warmUp; i += pool) await Promise.all(Array.from({ length: Math.min(pool, warmUp - i) }, (_, k) => warmUpFn(i + k)));
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn(i);
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b);
}

const provinces = ["440000", "320000", "330000", "110000", "510000", "420000", "370000"];
const cities = ["440100", "440300", "320100", "330100", "510100", "420100"];
const classes = ["5102", "5201", "4603", "5301", "5401", "4608", "5702"];
const words = ["软件", "护理", "数控技术", "汽车", "实习生", "学徒", "电子商务", "机电"];

/** The data set of one size: a SQLite file under .bench/, or a database on the PostgreSQL server; made when missing. */
async function openDataSet(postings: number): Promise<{ db: Db; close: () => Promise<void> }> {
  const name = `edubridge-${postings}${studentCount === 20_000 ? "" : `-s${studentCount}`}`;
  if (engine === "sqlite") {
    const file = `.bench/${name}.db`;
    if (!fs.existsSync(file)) console.error(JSON.stringify({ generated: await generateDataSet({ postings, students: studentCount, out: file }) }));
    const sqlite = createSqliteDb(file);
    return {
      db: sqlite,
      close: async () => {
        sqlite.$client.close();
      },
    };
  }
  const server = process.env.DATABASE_URL!;
  const database = name.replace("edubridge-", "edubridge_bench_").replaceAll("-", "_");
  const url = new URL(server);
  url.pathname = `/${database}`;
  const admin = postgres(server, { max: 1, onnotice: () => {} });
  let created = false;
  try {
    const [found] = await admin`select 1 from pg_database where datname = ${database}`;
    if (!found) {
      await admin.unsafe(`create database "${database}"`);
      created = true;
    }
  } finally {
    await admin.end({ timeout: 5 });
  }
  if (created) console.error(JSON.stringify({ generated: await generateDataSet({ postings, students: studentCount, out: url.toString() }) }));
  const pg = connectPostgresDb(url.toString());
  const db = pg as unknown as Db;
  // A data set whose generation was cut short is not measured: drop the database and run again.
  const stored = (await rawRows<{ n: number }>(db, sql`select count(*) as n from postings`))[0]!.n;
  if (stored < postings) {
    await pg.$client.end({ timeout: 5 });
    throw new Error(`bench: database ${database} holds ${stored} postings, fewer than ${postings} (an interrupted generation?): drop it and run again`);
  }
  return { db, close: () => pg.$client.end({ timeout: 5 }) };
}

async function benchSize(postings: number) {
  const { db, close } = await openDataSet(postings);
  const today = todayInChina();
  const anon = createCaller(await createContext({ db, userId: null }));
  const studentIds = (await rawRows<{ user_id: string }>(db, sql`select user_id from student_profiles order by user_id limit 50`)).map((r) => r.user_id);
  const students = await Promise.all(studentIds.map(async (id) => createCaller(await createContext({ db, userId: id }))));
  const enterprise = (
    await rawRows<{ user_id: string; organisation_id: string; id: string }>(
      db,
      sql`select m.user_id, m.organisation_id, p.id from postings p join memberships m on m.organisation_id = p.organisation_id where p.status = 'published' and p.kind = 'placement_internship' limit 50`,
    )
  ).map((r): [string, string, string] => [r.user_id, r.organisation_id, r.id]);
  const enterpriseCallers = await Promise.all(enterprise.map(async ([userId]) => createCaller(await createContext({ db, userId }))));
  const schools = (
    await rawRows<{ user_id: string; organisation_id: string }>(
      db,
      sql`select m.user_id, m.organisation_id from memberships m join organisations o on o.id = m.organisation_id where o.kind = 'school' and o.verification_status = 'verified' limit 20`,
    )
  ).map((r): [string, string] => [r.user_id, r.organisation_id]);
  const schoolCallers = await Promise.all(schools.map(async ([userId]) => createCaller(await createContext({ db, userId }))));

  if (only === "reports") {
    await benchReports(db, postings, schools);
    await close();
    return;
  }
  const loadStart = performance.now();
  await anon.search.postings({ limit: 1 });
  emit({ case: "index.load", postings, ms: Math.round(performance.now() - loadStart), rss_mb: Math.round(process.memoryUsage().rss / 2 ** 20) });
  // The common words are read into the term cache in the background once the index answers: timed apart, and
  // awaited so that the cases below measure searches, not the warm-up competing with them.
  await (await postingIndexFor(db)).commonTermsRead;
  emit({ case: "index.commonTerms", postings, ms: Math.round(performance.now() - loadStart) });
  if (engine === "postgres" && wanted("index.snapshot")) {
    // Issue 17's start in seconds: another instance restores the snapshot this one writes, then reads the feed.
    // The instance's own snapshot writer starts with the index: while it writes, writeSnapshot gives way (null) and a
    // restore can find the snapshot it read pruned. Wait for it, so that the two lines time this write and its restore.
    let t = performance.now();
    for (let tries = 0; tries < 60 && (await writeSnapshot(db, await postingIndexFor(db))) === null; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      t = performance.now();
    }
    emit({ case: "index.snapshot.write", postings, ms: Math.round(performance.now() - t), mb: Math.round((await rawRows<{ bytes: number }>(db, sql`select sum(length(data)) as "bytes" from search_index_snapshots`))[0]!.bytes / 2 ** 20) });
    t = performance.now();
    const restored = await restoreSnapshot(db, PostingIndex);
    emit({ case: "index.snapshot.restore", postings, ms: Math.round(performance.now() - t), restored: restored?.count ?? 0 });
    // The restored index reads its common words in the background, as after any start: let it finish before the
    // cases below, which it would otherwise slow (it is dropped after this).
    await restored?.commonTermsRead;
    restored?.retire();
  }

  const random = createRandom(7);
  const filterCase = (): { input: SearchPostingsInput; naive: Omit<NaiveFilters, "today"> } => {
    const regionCode = random.next() < 0.5 ? random.pick(provinces) : random.pick(cities);
    const specialtyCode = random.pick(classes);
    return { input: { regionCode, specialtyCode, sort: "newest" }, naive: { regionCode, specialtyCode } };
  };
  const textCase = () => {
    const query = random.pick(words);
    return { input: { query, sort: "newest" as const }, naive: { query } };
  };
  const textFilterCase = () => {
    const query = random.pick(words);
    const regionCode = random.pick(provinces);
    return { input: { query, regionCode, sort: "newest" as const }, naive: { query, regionCode } };
  };

  // Terms never searched before in this process: the first search of a term reads its postings out of
  // FTS5 (later ones come from the index's term cache, which the "text" case mostly measures).
  const specialtyNames = (await rawRows<{ name: string }>(db, sql`select name from specialties where level = 'major' order by code`)).map((r) => r.name);
  // Words the index read into its cache at load (common words) would not be a first search: left out.
  const index = await postingIndexFor(db);
  const freshTerms = [...new Set(specialtyNames.flatMap((name) => [name.slice(0, 2), name.slice(2, 4)]).filter((t) => t.length === 2 && !words.some((w) => w.includes(t))))].filter((t) => !(ftsQueryParts(t) ?? []).some((part) => index.hasCachedTerm(part)));
  // Without terms the case would quietly time the unfiltered search instead.
  if (freshTerms.length < runs) throw new Error(`only ${freshTerms.length} fresh terms for ${runs} runs`);
  let freshTerm = 0;
  const freshTextCase = () => {
    const query = freshTerms[freshTerm++ % freshTerms.length]!;
    return { input: { query, sort: "newest" as const }, naive: { query } };
  };
  const searchCases: [string, () => { input: SearchPostingsInput; naive: Omit<NaiveFilters, "today"> }][] = [
    ["search.postings filter region+specialty", filterCase],
    ["search.postings text", textCase],
    ["search.postings text+region", textFilterCase],
    ["search.postings text, first search of each term", freshTextCase],
  ];
  // Every fast case first, then the memory of the process (the index and nothing else of size), then the
  // plain scans: their garbage would otherwise land in the fast figures and in the memory line.
  const results: { name: string; fast: number[]; naive?: () => Promise<number[]>; like?: () => Promise<number[]> }[] = [];
  for (const [name, make] of searchCases) {
    const inputs = Array.from({ length: runs }, make);
    if (!wanted(name)) continue;
    // The first-search case must meet every term for the first time: it warms up on terms it does not measure.
    const firstSearch = name.includes("first search");
    const warmUpTerms = firstSearch ? freshTerms.slice(runs, runs + warmUpCalls) : [];
    const fast = await measure(
      runs,
      (i) => anon.search.postings(inputs[i]!.input),
      firstSearch ? warmUpTerms.length : warmUpCalls,
      firstSearch ? (i) => anon.search.postings({ query: warmUpTerms[i]!, sort: "newest" }) : undefined,
    );
    const naiveOf = (i: number) => inputs[i]!.naive;
    const hasText = !!inputs[0]!.naive.query;
    results.push({
      name,
      fast,
      naive: () => measure(naiveRuns, (i) => naiveSearch(db, { ...naiveOf(i), today, ftsMatch: naiveOf(i).query ? (ftsQuery(naiveOf(i).query!) ?? undefined) : undefined })),
      like: hasText ? () => measure(naiveRuns, (i) => naiveSearch(db, { ...naiveOf(i), today })) : undefined,
    });
  }

  // The search page with a region and a specialty chosen: its page, total and facets (every city of the province and
  // every specialty group counted as if chosen). Inputs by turn, not drawn: the other cases keep their random inputs.
  if (wanted("search.page facets")) {
    const pageInput = (i: number) => ({ regionCode: i % 2 ? cities[i % cities.length]! : provinces[i % provinces.length]!, specialtyCode: classes[i % classes.length]! });
    results.push({ name: "search.page facets (region+specialty)", fast: await measure(runs, (i) => anon.search.page(pageInput(i)), warmUpCalls) });
  }

  // Relevance for a signed-in student, and recommendations (which also apply the eligibility rules).
  const naiveMatch = async (i: number) => {
    // The plain way: read every open posting with its specialties, score each, sort.
    const profile = (await studentMatchProfile(db, studentIds[i % studentIds.length]!))!.profile;
    // A full scan of the open postings with each one's specialties as JSON: SQLite's JSON functions (and its
    // `not indexed`, so that the scan is a scan) or PostgreSQL's; SQLite gives the JSON as text.
    const specs = onEngine(db, {
      sqlite: sql`(select json_group_array(json_array(specialty_code, class_domain)) from posting_specialties ps where ps.posting_id = p.id)`,
      postgres: sql`(select coalesce(json_agg(json_build_array(specialty_code, class_domain)), '[]'::json) from posting_specialties ps where ps.posting_id = p.id)`,
    });
    const from = onEngine(db, { sqlite: sql`postings p not indexed`, postgres: sql`postings p` });
    type Row = { region_code: string; city_code: string; province_code: string; industry_division: string; published_at: number | Date | null; quantity: number; specs: string | [string, string][] };
    const rows = await rawRows<Row>(
      db,
      sql`select p.region_code, p.city_code, p.province_code, p.industry_division, p.published_at, p.quantity, ${specs} as specs
          from ${from} where p.status = 'published' and p.apply_by >= ${today}`,
    );
    const now = Date.now();
    const scores = rows.map((r) => {
      const pairs = typeof r.specs === "string" ? (JSON.parse(r.specs) as [string, string][]) : r.specs;
      const publishedAt = r.published_at instanceof Date ? r.published_at.getTime() : r.published_at;
      return scoreMatch(profile, { specialties: pairs.map(([code, c]) => ({ code, classDomain: c, groupDomain: c.slice(0, 2) })), region: { county: r.region_code, city: r.city_code, province: r.province_code }, industryDivision: r.industry_division, publishedAt, openSeats: r.quantity }, now).score;
    });
    return scores.sort((a, b) => b - a).slice(0, 20);
  };
  // Relevance and recommendations ask the plain scan the same question: measured once, shown on both lines.
  let naiveMatchTimes: Promise<number[]> | undefined;
  const naiveOfMatch = () => (naiveMatchTimes ??= measure(Math.min(naiveRuns, 3), naiveMatch));
  if (wanted("search.postings relevance (student)")) {
    const queries = Array.from({ length: runs }, (_, i) => (i % 2 ? random.pick(words) : undefined));
    const relevance = await measure(runs, (i) => students[i % students.length]!.search.postings({ query: queries[i], sort: "relevance" }), warmUpCalls);
    results.push({ name: "search.postings relevance (student)", fast: relevance, naive: naiveOfMatch });
  }
  if (wanted("match.forStudent")) {
    const forStudent = await measure(runs, (i) => students[i % students.length]!.match.forStudent({ limit: 10 }), warmUpCalls);
    results.push({ name: "match.forStudent", fast: forStudent, naive: naiveOfMatch });
  }
  if (wanted("match.forPosting")) {
    const forPosting = await measure(runs, (i) => {
      const [, organisationId, postingId] = enterprise[i % enterprise.length]!;
      return enterpriseCallers[i % enterprise.length]!.match.forPosting({ organisationId, postingId });
    }, warmUpCalls);
    results.push({ name: "match.forPosting", fast: forPosting });
  }
  if (wanted("match.forOrganisation")) {
    const forOrganisation = await measure(Math.min(runs, 60), (i) => {
      const [, organisationId] = schools[i % schools.length]!;
      return schoolCallers[i % schools.length]!.match.forOrganisation({ organisationId });
    }, warmUpCalls);
    results.push({ name: "match.forOrganisation", fast: forOrganisation });
  }
  const memory = { case: "memory", postings, rss_mb: Math.round(process.memoryUsage().rss / 2 ** 20), heap_mb: Math.round(process.memoryUsage().heapUsed / 2 ** 20) };
  for (const result of results) {
    const naive = naiveRuns > 0 && result.naive ? await result.naive() : null;
    line(result.name, postings, result.fast, naive, naiveRuns > 0 && result.like ? await result.like() : null);
  }
  emit(memory);
  await benchReports(db, postings, schools);
  await close();
}

/** The report aggregations over the whole data set, through the tRPC caller as an administrator. */
async function benchReports(db: Db, postings: number, schools: [string, string][]) {
  const adminId = (await rawRows<{ id: string }>(db, sql`select id from users where role = 'admin' limit 1`))[0]!.id;
  const admin = createCaller(await createContext({ db, userId: adminId }));
  const enterprises = (await rawRows<{ id: string }>(db, sql`select id from organisations where kind = 'enterprise' and verification_status = 'verified' limit 20`)).map((r) => r.id);
  const reportRuns = Math.min(runs, 30);
  const students = (await rawRows<{ n: number }>(db, sql`select count(*) as n from student_profiles`))[0]!.n;
  const report = async (name: string, fn: (i: number) => Promise<unknown>) => {
    if (!wanted(name)) return;
    await fn(0);
    const times = await measure(reportRuns, fn);
    emit({ case: name, postings, students, p50_ms: percentile(times, 50), p95_ms: percentile(times, 95), p99_ms: percentile(times, 99), naive_p95_ms: null });
  };
  await report("reports.supplyDemand nationwide", () => admin.reports.supplyDemand({}));
  await report("reports.supplyDemand province", (i) => admin.reports.supplyDemand({ provinceCode: provinces[i % provinces.length] }));
  await report("reports.schoolOutcomes", (i) => admin.reports.schoolOutcomes({ organisationId: schools[i % schools.length]![1] }));
  await report("reports.enterpriseParticipation", (i) => admin.reports.enterpriseParticipation({ organisationId: enterprises[i % enterprises.length]! }));
  await report("reports.overview", () => admin.reports.overview());
}

function line(name: string, postings: number, fast: number[], naive: number[] | null, like: number[] | null = null) {
  emit({
    case: name,
    postings,
    p50_ms: percentile(fast, 50),
    p95_ms: percentile(fast, 95),
    p99_ms: percentile(fast, 99),
    naive_p95_ms: naive ? percentile(naive, 95) : null,
    ...(like ? { like_p95_ms: percentile(like, 95) } : {}),
  });
}

for (const size of sizes) await benchSize(size);
