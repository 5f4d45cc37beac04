/**
 * `npm run bench [-- --sizes 100000,1000000 --runs 200]`: search and matching latency through the tRPC
 * caller on generated data sets (npm run gen; reused when present), beside the same question answered
 * by a straightforward scan (`--naive-runs 0` skips it: at 1,000,000 postings each takes seconds). One JSON line per case:
 * {"case","postings","p50_ms","p95_ms","p99_ms","naive_p95_ms","like_p95_ms"}, then the process's resident memory.
 * For text, the plain answer is what a careful quick build would do: the FTS5 bigram table joined to the
 * postings (naive_p95_ms); LIKE '%q%' over every posting is shown beside it (like_p95_ms).
 */
import fs from "node:fs";
import { parseArgs } from "node:util";
import { createDb, type Db } from "../db/create";
import { naiveSearch, type NaiveFilters } from "../db/queries/naive-search";
import { createRandom } from "../db/random";
import { scoreMatch } from "../server/matching/score";
import { postingIndexFor } from "../server/search/posting-index";
import { ftsQuery, ftsQueryParts } from "../server/search/text";
import { studentMatchProfile } from "../server/matching/profile";
import { createCaller } from "../server/root";
import { todayInChina } from "../server/schemas/accounts";
import type { SearchPostingsInput } from "../server/schemas/search";
import { createContext } from "../server/trpc";
import { generateDataSet } from "./gen";
import { percentile } from "./measure";

const { values } = parseArgs({ options: { sizes: { type: "string", default: "100000,1000000" }, students: { type: "string", default: "20000" }, runs: { type: "string", default: "200" }, "naive-runs": { type: "string", default: "10" }, only: { type: "string" } } });
const studentCount = Number(values.students);
/** `--only reports` runs just the report aggregations (issue: reports stay interactive at scale). */
const only = values.only;
const sizes = values.sizes.split(",").map(Number);
const runs = Number(values.runs);
const naiveRuns = Number(values["naive-runs"]);


async function measure(n: number, fn: (i: number) => unknown) {
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

async function benchSize(postings: number) {
  const file = `.bench/edubridge-${postings}${studentCount === 20_000 ? "" : `-s${studentCount}`}.db`;
  if (!fs.existsSync(file)) console.error(JSON.stringify({ generated: await generateDataSet({ postings, students: studentCount, out: file }) }));
  const db: Db = createDb(file);
  const today = todayInChina();
  const anon = createCaller(await createContext({ db, userId: null }));
  const studentIds = db.$client.prepare("select user_id from student_profiles order by user_id limit 50").pluck().all() as string[];
  const students = await Promise.all(studentIds.map(async (id) => createCaller(await createContext({ db, userId: id }))));
  const enterprise = db.$client.prepare("select m.user_id, m.organisation_id, p.id from postings p join memberships m on m.organisation_id = p.organisation_id where p.status = 'published' and p.kind = 'placement_internship' limit 50").raw().all() as [string, string, string][];
  const enterpriseCallers = await Promise.all(enterprise.map(async ([userId]) => createCaller(await createContext({ db, userId }))));
  const schools = db.$client.prepare("select m.user_id, m.organisation_id from memberships m join organisations o on o.id = m.organisation_id where o.kind = 'school' and o.verification_status = 'verified' limit 20").raw().all() as [string, string][];
  const schoolCallers = await Promise.all(schools.map(async ([userId]) => createCaller(await createContext({ db, userId }))));

  if (only === "reports") {
    await benchReports(db, postings, schools);
    db.$client.close();
    return;
  }
  const loadStart = performance.now();
  await anon.search.postings({ limit: 1 });
  console.log(JSON.stringify({ case: "index.load", postings, ms: Math.round(performance.now() - loadStart), rss_mb: Math.round(process.memoryUsage().rss / 2 ** 20) }));

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
  const specialtyNames = db.$client.prepare("select name from specialties where level = 'major' order by code").pluck().all() as string[];
  // Words the index read into its cache at load (common words) would not be a first search: left out.
  const index = postingIndexFor(db);
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
    // The first-search case must meet every term for the first time: no warm-up search of its own.
    if (!name.includes("first search")) await anon.search.postings(inputs[0]!.input);
    const fast = await measure(runs, (i) => anon.search.postings(inputs[i]!.input));
    const naiveOf = (i: number) => inputs[i]!.naive;
    const hasText = !!inputs[0]!.naive.query;
    results.push({
      name,
      fast,
      naive: () => measure(naiveRuns, (i) => naiveSearch(db, { ...naiveOf(i), today, ftsMatch: naiveOf(i).query ? (ftsQuery(naiveOf(i).query!) ?? undefined) : undefined })),
      like: hasText ? () => measure(naiveRuns, (i) => naiveSearch(db, { ...naiveOf(i), today })) : undefined,
    });
  }

  // Relevance for a signed-in student, and recommendations (which also apply the eligibility rules).
  const naiveMatch = async (i: number) => {
    // The plain way: read every open posting with its specialties, score each, sort.
    const profile = (await studentMatchProfile(db, studentIds[i % studentIds.length]!))!.profile;
    const rows = db.$client
      .prepare(
        `select p.region_code, p.city_code, p.province_code, p.industry_division, p.published_at, p.quantity,
                (select json_group_array(json_array(specialty_code, class_domain)) from posting_specialties ps where ps.posting_id = p.id) as specs
         from postings p not indexed where p.status = 'published' and p.apply_by >= ?`,
      )
      .raw()
      .all(today) as [string, string, string, string, number, number, string][];
    const now = Date.now();
    const scores = rows.map((r) =>
      scoreMatch(profile, { specialties: (JSON.parse(r[6]) as [string, string][]).map(([code, c]) => ({ code, classDomain: c, groupDomain: c.slice(0, 2) })), region: { county: r[0], city: r[1], province: r[2] }, industryDivision: r[3], publishedAt: r[4], openSeats: r[5] }, now).score,
    );
    return scores.sort((a, b) => b - a).slice(0, 20);
  };
  // Relevance and recommendations ask the plain scan the same question: measured once, shown on both lines.
  let naiveMatchTimes: Promise<number[]> | undefined;
  const naiveOfMatch = () => (naiveMatchTimes ??= measure(Math.min(naiveRuns, 3), naiveMatch));
  const relevance = await measure(runs, (i) => students[i % students.length]!.search.postings({ query: i % 2 ? random.pick(words) : undefined, sort: "relevance" }));
  results.push({ name: "search.postings relevance (student)", fast: relevance, naive: naiveOfMatch });
  const forStudent = await measure(runs, (i) => students[i % students.length]!.match.forStudent({ limit: 10 }));
  results.push({ name: "match.forStudent", fast: forStudent, naive: naiveOfMatch });
  const forPosting = await measure(runs, (i) => {
    const [, organisationId, postingId] = enterprise[i % enterprise.length]!;
    return enterpriseCallers[i % enterprise.length]!.match.forPosting({ organisationId, postingId });
  });
  results.push({ name: "match.forPosting", fast: forPosting });
  const forOrganisation = await measure(Math.min(runs, 60), (i) => {
    const [, organisationId] = schools[i % schools.length]!;
    return schoolCallers[i % schools.length]!.match.forOrganisation({ organisationId });
  });
  results.push({ name: "match.forOrganisation", fast: forOrganisation });
  const memory = { case: "memory", postings, rss_mb: Math.round(process.memoryUsage().rss / 2 ** 20), heap_mb: Math.round(process.memoryUsage().heapUsed / 2 ** 20) };
  for (const result of results) {
    const naive = naiveRuns > 0 && result.naive ? await result.naive() : null;
    line(result.name, postings, result.fast, naive, naiveRuns > 0 && result.like ? await result.like() : null);
  }
  console.log(JSON.stringify(memory));
  await benchReports(db, postings, schools);
  db.$client.close();
}

/** The report aggregations over the whole data set, through the tRPC caller as an administrator. */
async function benchReports(db: Db, postings: number, schools: [string, string][]) {
  const adminId = db.$client.prepare("select id from users where role = 'admin' limit 1").pluck().get() as string;
  const admin = createCaller(await createContext({ db, userId: adminId }));
  const enterprises = db.$client.prepare("select id from organisations where kind = 'enterprise' and verification_status = 'verified' limit 20").pluck().all() as string[];
  const reportRuns = Math.min(runs, 30);
  const students = db.$client.prepare("select count(*) from student_profiles").pluck().get() as number;
  const report = async (name: string, fn: (i: number) => Promise<unknown>) => {
    await fn(0);
    const times = await measure(reportRuns, fn);
    console.log(JSON.stringify({ case: name, postings, students, p50_ms: percentile(times, 50), p95_ms: percentile(times, 95), p99_ms: percentile(times, 99), naive_p95_ms: null }));
  };
  await report("reports.supplyDemand nationwide", () => admin.reports.supplyDemand({}));
  await report("reports.supplyDemand province", (i) => admin.reports.supplyDemand({ provinceCode: provinces[i % provinces.length] }));
  await report("reports.schoolOutcomes", (i) => admin.reports.schoolOutcomes({ organisationId: schools[i % schools.length]![1] }));
  await report("reports.enterpriseParticipation", (i) => admin.reports.enterpriseParticipation({ organisationId: enterprises[i % enterprises.length]! }));
  await report("reports.overview", () => admin.reports.overview());
}

function line(name: string, postings: number, fast: number[], naive: number[] | null, like: number[] | null = null) {
  console.log(
    JSON.stringify({
      case: name,
      postings,
      p50_ms: percentile(fast, 50),
      p95_ms: percentile(fast, 95),
      p99_ms: percentile(fast, 99),
      naive_p95_ms: naive ? percentile(naive, 95) : null,
      ...(like ? { like_p95_ms: percentile(like, 95) } : {}),
    }),
  );
}

for (const size of sizes) await benchSize(size);
