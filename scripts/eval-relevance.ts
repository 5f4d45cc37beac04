/**
 * npm run eval:relevance — how well matching orders its lists, on the judged sets in tests/fixtures/relevance/:
 * the world the weights were tuned on (24 students × 40 postings) and a held-out one never looked at while tuning
 * (20 × 40, other provinces, levels and classes), every pair graded 0–3 by the same rubric, each with its reason.
 * For each world and direction: nDCG@10 (gain 2^grade − 1, the ideal from every grade), MRR (first item graded 2 or
 * 3), the barred postings or students that reached a top 10 (must be none), and a plain baseline:
 *   match.forStudent       postings for a student; baseline: the student's specialty as the search filter, newest first
 *   match.forPosting       students for a posting; baseline: same specialty first, then newest
 *   match.forOrganisation  a school's enterprises (by their posting) and an enterprise's schools; baseline: those of
 *                          a shared specialty first, then newest
 * Each world is built in a fresh in-memory SQLite database through the real procedures. `--disagreements` prints,
 * per list short of 1.0, the top 10 (key:grade@score) and each item ranked above a better one or left out, with the
 * rubric's reason: what to read before changing a weight or a rule.
 */
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import type { Db } from "../db/create";
import { createSqliteDb } from "../db/create";
import { loadReferenceData } from "../db/reference";
import { callerFor } from "../tests/helpers/db";
import { gradeFiles, type Judgment, type OrganisationJudgment } from "../tests/fixtures/relevance/judge";
import { heldOutWorld } from "../tests/fixtures/relevance/world-heldout";
import { buildWorld, tuningWorld, type RelevanceWorld } from "../tests/fixtures/relevance/world";

export interface Figures {
  ndcg10: number;
  mrr: number;
  /** Items the rules bar (the posting from the student, or the student from the posting), found in a top 10. */
  barredInTop10: number;
  /** Lists measured (those with something graded above 0). */
  lists: number;
}

export interface Direction {
  ranking: Figures;
  baseline: Figures;
  /** Per list: who looked, nDCG@10, the top 10 as fixture keys with their scores, and every candidate's grade. */
  perList: { key: string; ndcg10: number; top: string[]; scores: number[]; grades: ReadonlyMap<string, number> }[];
}

export interface RelevanceReport {
  world: string;
  forStudent: Direction;
  forPosting: Direction;
  /** A school looking at enterprises (each the host of one posting, named by that posting's key). */
  forOrganisationSchool: Direction;
  /** An enterprise looking at schools. */
  forOrganisationEnterprise: Direction;
}

/** nDCG@k of a ranked list of keys against the grades of every candidate (missing keys grade 0). */
export function ndcgAt(k: number, ranked: string[], grades: ReadonlyMap<string, number>): number {
  const dcg = (gs: number[]) => gs.slice(0, k).reduce((sum, g, i) => sum + (2 ** g - 1) / Math.log2(i + 2), 0);
  const ideal = dcg([...grades.values()].sort((a, b) => b - a));
  return ideal === 0 ? 0 : dcg(ranked.map((key) => grades.get(key) ?? 0)) / ideal;
}

/** Reciprocal rank of the first key graded `relevant` or more (0 when none is listed). */
export function reciprocalRank(ranked: string[], grades: ReadonlyMap<string, number>, relevant = 2): number {
  const at = ranked.findIndex((key) => (grades.get(key) ?? 0) >= relevant);
  return at < 0 ? 0 : 1 / (at + 1);
}

/** Sums lists into a direction's figures; a list with nothing relevant has no ideal order and is left out. */
function tally() {
  const sums = { ranking: { ndcg10: 0, mrr: 0, barredInTop10: 0, lists: 0 }, baseline: { ndcg10: 0, mrr: 0, barredInTop10: 0, lists: 0 } };
  const perList: Direction["perList"] = [];
  return {
    add(key: string, grades: Map<string, number>, ranked: string[], scores: number[], baseline: string[], barred: (key: string) => boolean = () => false) {
      if (![...grades.values()].some((g) => g > 0)) return;
      for (const [list, f] of [
        [ranked, sums.ranking],
        [baseline, sums.baseline],
      ] as const) {
        f.ndcg10 += ndcgAt(10, list, grades);
        f.mrr += reciprocalRank(list, grades);
        f.barredInTop10 += list.slice(0, 10).filter(barred).length;
        f.lists++;
      }
      perList.push({ key, ndcg10: ndcgAt(10, ranked, grades), top: ranked.slice(0, 10), scores: scores.slice(0, 10), grades });
    },
    done(): Direction {
      const mean = (f: Figures): Figures => ({ ndcg10: f.ndcg10 / Math.max(1, f.lists), mrr: f.mrr / Math.max(1, f.lists), barredInTop10: f.barredInTop10, lists: f.lists });
      return { ranking: mean(sums.ranking), baseline: mean(sums.baseline), perList };
    },
  };
}

function readGrades<T>(file: string): T[] {
  return JSON.parse(readFileSync(new URL(`../tests/fixtures/relevance/${file}`, import.meta.url), "utf8")) as T[];
}

/** Builds the world in `db` (a fresh database) and measures every direction against its grade files. */
export async function evaluateRelevance(db: Db, world: RelevanceWorld = tuningWorld, options: { reversed?: boolean } = {}): Promise<RelevanceReport> {
  const files = gradeFiles(world);
  const judged = readGrades<Judgment>(files.students);
  const judgedOrganisations = readGrades<OrganisationJudgment>(files.organisations);
  const pair = new Map(judged.map((j) => [`${j.student}/${j.posting}`, j]));
  const orgPair = new Map(judgedOrganisations.map((j) => [`${j.school}/${j.posting}`, j]));
  const built = await buildWorld(db, world, options);
  const anonymous = await callerFor(db);
  // Newest first: created last in the build's order.
  const newestFirst = <T>(items: T[]) => (options.reversed ? [...items] : [...items].reverse());
  const postingKeyOfOrganisation = new Map([...built.hosts].map(([key, host]) => [host.organisationId, key]));
  const schoolKeyOfOrganisation = new Map([...built.schools].map(([key, school]) => [school.organisationId, key]));
  const programmes = (school: string) => new Set(world.students.filter((st) => st.school === school).map((st) => st.specialty));

  const forStudent = tally();
  for (const st of world.students) {
    const grades = new Map(world.postings.map((po) => [po.key, pair.get(`${st.key}/${po.key}`)?.grade ?? 0]));
    const keysOf = (ids: string[]) => ids.map((id) => built.postingKeys.get(id) ?? "?");
    const found = (await (await callerFor(db, built.students.get(st.key))).match.forStudent({ limit: 10 })).items;
    const baseline = keysOf((await anonymous.search.postings({ specialtyCode: st.specialty, sort: "newest", limit: 10 })).items.map((i) => i.id));
    forStudent.add(st.key, grades, keysOf(found.map((i) => i.id)), found.map((i) => i.score ?? 0), baseline, (p) => !!pair.get(`${st.key}/${p}`)?.reason.startsWith("不可申请"));
  }

  const forPosting = tally();
  const forOrganisationEnterprise = tally();
  for (const po of world.postings) {
    const host = built.hosts.get(po.key)!;
    const caller = await callerFor(db, host.userId);
    const grades = new Map(world.students.map((st) => [st.key, pair.get(`${st.key}/${po.key}`)?.grade ?? 0]));
    const found = await caller.match.forPosting({ organisationId: host.organisationId, postingId: built.postings.get(po.key)! });
    const ranked = found.students.map((s) => built.studentKeys.get(s.userId) ?? "?");
    const students = newestFirst(world.students);
    const baseline = [...students.filter((st) => po.specialties.includes(st.specialty)), ...students.filter((st) => !po.specialties.includes(st.specialty))].map((st) => st.key);
    forPosting.add(po.key, grades, ranked, found.students.map((s) => s.score), baseline, (k) => !!pair.get(`${k}/${po.key}`)?.reason.startsWith("不可申请"));

    const schoolGrades = new Map(Object.keys(world.schools).map((school) => [school, orgPair.get(`${school}/${po.key}`)?.grade ?? 0]));
    const schoolsFound = await caller.match.forOrganisation({ organisationId: host.organisationId });
    const schools = schoolsFound.map((o) => schoolKeyOfOrganisation.get(o.organisationId) ?? "?");
    const schoolKeys = newestFirst(Object.keys(world.schools));
    const offering = (school: string) => po.specialties.some((c) => programmes(school).has(c));
    forOrganisationEnterprise.add(po.key, schoolGrades, schools, schoolsFound.map((o) => o.score), [...schoolKeys.filter(offering), ...schoolKeys.filter((s) => !offering(s))]);
  }

  const forOrganisationSchool = tally();
  for (const [key, school] of built.schools) {
    const grades = new Map(world.postings.map((po) => [po.key, orgPair.get(`${key}/${po.key}`)?.grade ?? 0]));
    const enterprises = await (await callerFor(db, school.userId)).match.forOrganisation({ organisationId: school.organisationId });
    const ranked = enterprises.map((o) => postingKeyOfOrganisation.get(o.organisationId) ?? "?");
    const postings = newestFirst(world.postings);
    const shares = (po: (typeof postings)[number]) => po.specialties.some((c) => programmes(key).has(c));
    forOrganisationSchool.add(key, grades, ranked, enterprises.map((o) => o.score), [...postings.filter(shares), ...postings.filter((po) => !shares(po))].map((po) => po.key));
  }

  return { world: world.name, forStudent: forStudent.done(), forPosting: forPosting.done(), forOrganisationSchool: forOrganisationSchool.done(), forOrganisationEnterprise: forOrganisationEnterprise.done() };
}

function print(report: RelevanceReport) {
  const f = (n: number) => n.toFixed(3);
  const line = (name: string, d: Direction, what: string, baseline: string) => {
    console.log(`  ${name.padEnd(34)} nDCG@10 ${f(d.ranking.ndcg10)}  MRR ${f(d.ranking.mrr)}  barred ${what} in a top 10: ${d.ranking.barredInTop10}  (${d.ranking.lists} lists)`);
    console.log(`  ${"  baseline".padEnd(34)} nDCG@10 ${f(d.baseline.ndcg10)}  MRR ${f(d.baseline.mrr)}  barred ${what} in a top 10: ${d.baseline.barredInTop10}  (${baseline})`);
  };
  console.log(`${report.world} world (tests/fixtures/relevance)`);
  line("match.forStudent", report.forStudent, "postings", "specialty filter, newest first");
  line("match.forPosting", report.forPosting, "students", "same specialty first, then newest");
  line("match.forOrganisation (school)", report.forOrganisationSchool, "-", "enterprises of a shared specialty first, then newest");
  line("match.forOrganisation (enterprise)", report.forOrganisationEnterprise, "-", "schools offering the specialty first, then newest");
}

async function main() {
  for (const world of [tuningWorld, heldOutWorld]) {
    const db = createSqliteDb(":memory:");
    await loadReferenceData(db);
    const report = await evaluateRelevance(db, world);
    print(report);
    if (process.argv.includes("--lists")) for (const s of report.forStudent.perList) console.log(`    ${s.key}  nDCG@10 ${s.ndcg10.toFixed(3)}  top: ${s.top.join(" ")}`);
    if (process.argv.includes("--disagreements")) printDisagreements(world, report);
  }
}

/**
 * Where the order and the grades disagree, list by list: the top 10 as key:grade@score, then each listed item
 * ranked above a better-graded one and each better-graded item left out, with the rubric's reason.
 */
function printDisagreements(world: RelevanceWorld, report: RelevanceReport) {
  const files = gradeFiles(world);
  const reasons = new Map<string, string>([...readGrades<Judgment>(files.students).map((j) => [`${j.student}/${j.posting}`, j.reason] as const), ...readGrades<OrganisationJudgment>(files.organisations).map((j) => [`o:${j.school}/${j.posting}`, j.reason] as const)]);
  const directions = [
    ["forStudent", (list: string, item: string): string => `${list}/${item}`],
    ["forPosting", (list: string, item: string) => `${item}/${list}`],
    ["forOrganisationSchool", (list: string, item: string) => `o:${list}/${item}`],
    ["forOrganisationEnterprise", (list: string, item: string) => `o:${item}/${list}`],
  ] as const;
  for (const [name, pairOf] of directions) {
    for (const l of report[name].perList) {
      if (l.ndcg10 > 0.999_999) continue;
      const grade = (k: string) => l.grades.get(k) ?? 0;
      console.log(`  ${name} ${l.key}  nDCG@10 ${l.ndcg10.toFixed(3)}  ${l.top.map((k, i) => `${k}:${grade(k)}@${l.scores[i]}`).join(" ")}`);
      const worst = Math.min(...l.top.map(grade), l.top.length < 10 ? 0 : 3);
      const missing = [...l.grades].filter(([k, g]) => g > worst && !l.top.includes(k)).map(([k]) => k);
      for (const [i, k] of l.top.entries()) if (l.top.slice(i + 1).some((m) => grade(m) > grade(k))) console.log(`      above a better one  ${k}:${grade(k)}  ${reasons.get(pairOf(l.key, k))}`);
      for (const k of missing) console.log(`      left out           ${k}:${grade(k)}  ${reasons.get(pairOf(l.key, k))}`);
    }
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
