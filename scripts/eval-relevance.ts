/**
 * npm run eval:relevance — how well match.forStudent orders postings, on the judged set in
 * tests/fixtures/relevance/ (24 students × 40 postings graded 0–3, each with its reason): nDCG@10 (gain 2^grade − 1,
 * the ideal from all 40 grades), MRR (first posting graded 2 or 3), the barred postings that reached a top 10
 * (must be none), and the same figures for a keyword baseline: the student's specialty as the search filter,
 * newest first. Then the other direction on the same grades: match.forPosting's students for each posting, beside
 * "same specialty first, then newest". A fresh in-memory SQLite database is built through the real procedures.
 */
import { pathToFileURL } from "node:url";
import type { Db } from "../db/create";
import { createSqliteDb } from "../db/create";
import { loadReferenceData } from "../db/reference";
import { callerFor } from "../tests/helpers/db";
import { buildWorld, worldPostings, worldStudents } from "../tests/fixtures/relevance/world";
import judgments from "../tests/fixtures/relevance/judgments.json";

interface Figures {
  ndcg10: number;
  mrr: number;
  /** Postings the rules bar the student from, found in a top 10 (over all students). */
  barredInTop10: number;
}

export interface RelevanceReport {
  students: number;
  ranking: Figures;
  baseline: Figures;
  perStudent: { student: string; ndcg10: number; baseline: number; top: string[] }[];
  /** The other direction: match.forPosting's students for each posting, against the same grades. */
  postings: number;
  forPosting: Figures;
  forPostingBaseline: Figures;
}

const gradeOf = new Map((judgments as { student: string; posting: string; grade: number; reason: string }[]).map((j) => [`${j.student}/${j.posting}`, j]));

/** nDCG@k of a ranked list of posting keys against one student's grades. */
export function ndcgAt(k: number, ranked: string[], grades: number[]): number {
  const dcg = (gs: number[]) => gs.slice(0, k).reduce((sum, g, i) => sum + (2 ** g - 1) / Math.log2(i + 2), 0);
  const ideal = dcg([...grades].sort((a, b) => b - a));
  return ideal === 0 ? 0 : dcg(ranked.map((p) => grades[Number(p.slice(1)) - 1] ?? 0)) / ideal;
}

/** Reciprocal rank of the first posting graded `relevant` or more (0 when none is listed). */
export function reciprocalRank(ranked: string[], grades: number[], relevant = 2): number {
  const at = ranked.findIndex((p) => (grades[Number(p.slice(1)) - 1] ?? 0) >= relevant);
  return at < 0 ? 0 : 1 / (at + 1);
}

export async function evaluateRelevance(db: Db): Promise<RelevanceReport> {
  const world = await buildWorld(db);
  const anonymous = await callerFor(db);
  const perStudent: RelevanceReport["perStudent"] = [];
  const sums = { ranking: { ndcg10: 0, mrr: 0, barredInTop10: 0 }, baseline: { ndcg10: 0, mrr: 0, barredInTop10: 0 } };
  for (const st of worldStudents) {
    const grades = Array.from({ length: 40 }, (_, i) => gradeOf.get(`${st.key}/p${String(i + 1).padStart(2, "0")}`)?.grade ?? 0);
    // A student with nothing relevant has no ideal order to compare with: left out, as is usual for nDCG.
    if (!grades.some((g) => g > 0)) continue;
    const keysOf = (ids: string[]) => ids.map((id) => world.postingKeys.get(id) ?? "?");
    const ranked = keysOf((await (await callerFor(db, world.students.get(st.key))).match.forStudent({ limit: 10 })).items.map((i) => i.id));
    const baseline = keysOf((await anonymous.search.postings({ specialtyCode: st.specialty, sort: "newest", limit: 10 })).items.map((i) => i.id));
    const barred = (keys: string[]) => keys.filter((p) => gradeOf.get(`${st.key}/${p}`)?.reason.startsWith("不可申请")).length;
    const n = ndcgAt(10, ranked, grades);
    const b = ndcgAt(10, baseline, grades);
    sums.ranking.ndcg10 += n;
    sums.ranking.mrr += reciprocalRank(ranked, grades);
    sums.ranking.barredInTop10 += barred(ranked);
    sums.baseline.ndcg10 += b;
    sums.baseline.mrr += reciprocalRank(baseline, grades);
    sums.baseline.barredInTop10 += barred(baseline);
    perStudent.push({ student: st.key, ndcg10: n, baseline: b, top: ranked });
  }
  const count = perStudent.length;
  const mean = (f: Figures, n = count): Figures => ({ ndcg10: f.ndcg10 / n, mrr: f.mrr / n, barredInTop10: f.barredInTop10 });

  // A posting looks at students: the same pairs, graded the same. The baseline lists students of the posting's
  // specialty first, then the rest, the newest profile first within each.
  const studentIndex = new Map(worldStudents.map((st, i) => [st.key, i]));
  const other = { ranking: { ndcg10: 0, mrr: 0, barredInTop10: 0 }, baseline: { ndcg10: 0, mrr: 0, barredInTop10: 0 } };
  let postingsCounted = 0;
  for (const po of worldPostings) {
    const grades = worldStudents.map((st) => gradeOf.get(`${st.key}/${po.key}`)?.grade ?? 0);
    if (!grades.some((g) => g > 0)) continue;
    const host = world.hosts.get(po.key)!;
    const found = await (await callerFor(db, host.userId)).match.forPosting({ organisationId: host.organisationId, postingId: world.postings.get(po.key)! });
    // Student keys as "p"-style positions for ndcgAt: the grade list is indexed by student order.
    const asPositions = (keys: string[]) => keys.map((k) => `p${String((studentIndex.get(k) ?? 99) + 1).padStart(2, "0")}`);
    const ranked = found.students.map((s) => world.studentKeys.get(s.userId) ?? "?");
    const newestFirst = [...worldStudents].reverse();
    const baseline = [...newestFirst.filter((st) => po.specialties.includes(st.specialty)), ...newestFirst.filter((st) => !po.specialties.includes(st.specialty))].slice(0, 10).map((st) => st.key);
    const barred = (keys: string[]) => keys.filter((k) => gradeOf.get(`${k}/${po.key}`)?.reason.startsWith("不可申请")).length;
    other.ranking.ndcg10 += ndcgAt(10, asPositions(ranked), grades);
    other.ranking.mrr += reciprocalRank(asPositions(ranked), grades);
    other.ranking.barredInTop10 += barred(ranked);
    other.baseline.ndcg10 += ndcgAt(10, asPositions(baseline), grades);
    other.baseline.mrr += reciprocalRank(asPositions(baseline), grades);
    other.baseline.barredInTop10 += barred(baseline);
    postingsCounted++;
  }
  return {
    students: count,
    ranking: mean(sums.ranking),
    baseline: mean(sums.baseline),
    perStudent,
    postings: postingsCounted,
    forPosting: mean(other.ranking, postingsCounted),
    forPostingBaseline: mean(other.baseline, postingsCounted),
  };
}

async function main() {
  const db = createSqliteDb(":memory:");
  await loadReferenceData(db);
  const report = await evaluateRelevance(db);
  const f = (n: number) => n.toFixed(3);
  console.log(`judged set: ${report.students} students with something relevant × 40 postings (tests/fixtures/relevance)`);
  console.log(`match.forStudent   nDCG@10 ${f(report.ranking.ndcg10)}  MRR ${f(report.ranking.mrr)}  barred postings in a top 10: ${report.ranking.barredInTop10}`);
  console.log(`keyword baseline   nDCG@10 ${f(report.baseline.ndcg10)}  MRR ${f(report.baseline.mrr)}  barred postings in a top 10: ${report.baseline.barredInTop10}  (specialty filter, newest first)`);
  console.log(`match.forPosting   nDCG@10 ${f(report.forPosting.ndcg10)}  MRR ${f(report.forPosting.mrr)}  barred students in a top 10: ${report.forPosting.barredInTop10}  (${report.postings} postings)`);
  console.log(`baseline           nDCG@10 ${f(report.forPostingBaseline.ndcg10)}  MRR ${f(report.forPostingBaseline.mrr)}  barred students in a top 10: ${report.forPostingBaseline.barredInTop10}  (same specialty first, then newest)`);
  for (const s of report.perStudent) console.log(`  ${s.student}  nDCG@10 ${f(s.ndcg10)}  baseline ${f(s.baseline)}  top: ${s.top.join(" ")}`);
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
