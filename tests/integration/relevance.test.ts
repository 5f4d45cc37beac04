import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/create";
import { evaluateRelevance, ndcgAt, reciprocalRank, type RelevanceReport } from "@/scripts/eval-relevance";
import { judgeAll } from "../fixtures/relevance/judge";
import { worldPostings, worldStudents } from "../fixtures/relevance/world";
import { createTestDb } from "../helpers/db";

/**
 * The ranking of recommendations on the judged set (tests/fixtures/relevance, issue 18 item 2). The floor is set
 * just under what `npm run eval:relevance` measured when it was made (nDCG@10 0.981, MRR 0.875; the keyword
 * baseline 0.603 / 0.456): a change to the weights that costs order fails here (a preferred region below the
 * school's city and a kind term blind to the final year gave 0.930).
 */
describe("relevance of recommendations on the judged set", () => {
  let db: Db;
  let report: RelevanceReport;
  beforeAll(async () => {
    db = await createTestDb();
    report = await evaluateRelevance(db);
  }, 180_000);

  it("is at least 20 students × 40 postings, every pair graded 0–3 with a reason, in step with the rubric", () => {
    const judged = JSON.parse(readFileSync(new URL("../fixtures/relevance/judgments.json", import.meta.url), "utf8")) as { grade: number; reason: string }[];
    expect(worldStudents.length).toBeGreaterThanOrEqual(20);
    expect(worldPostings.length).toBeGreaterThanOrEqual(40);
    expect(judged).toHaveLength(worldStudents.length * worldPostings.length);
    expect(judged.every((j) => [0, 1, 2, 3].includes(j.grade) && j.reason.length > 3)).toBe(true);
    expect(judged).toEqual(judgeAll());
  });

  it("keeps nDCG@10 and MRR above their floors, well above the keyword baseline, with no barred posting in any top 10", () => {
    expect(report.students).toBeGreaterThanOrEqual(20);
    expect(report.ranking.barredInTop10).toBe(0);
    expect(report.ranking.ndcg10).toBeGreaterThanOrEqual(0.96);
    expect(report.ranking.mrr).toBeGreaterThanOrEqual(0.85);
    expect(report.ranking.ndcg10 - report.baseline.ndcg10).toBeGreaterThan(0.25);
  });

  it("puts a student's preferred region first and a year-one student's visits first (issue 18's findings)", () => {
    const top = (key: string) => report.perStudent.find((s) => s.student === key)!.top;
    // s02 studies in 广州 and wants 宁波: the 宁波 placement of their specialty leads, ahead of 广州's.
    expect(top("s02").slice(0, 2)).toEqual(["p03", "p01"]);
    // s05 is in year one (15): a visit first, and no placement or apprentice post at all.
    expect(worldPostings.find((p) => p.key === top("s05")[0])?.kind).toBe("V");
    expect(top("s05").every((key) => ["V", "O"].includes(worldPostings.find((p) => p.key === key)!.kind))).toBe(true);
  });

  it("ranks students for a posting above the same-specialty-then-newest baseline, with no barred student in any top 10", () => {
    // Measured 0.981 / 0.842 (baseline 0.663 / 0.502, with 267 barred students in its top tens); 0.946 while the
    // students' own preferred regions, stage and industry map were left out of this direction.
    expect(report.postings).toBeGreaterThanOrEqual(30);
    expect(report.forPosting.barredInTop10).toBe(0);
    expect(report.forPosting.ndcg10).toBeGreaterThanOrEqual(0.96);
    expect(report.forPosting.ndcg10 - report.forPostingBaseline.ndcg10).toBeGreaterThan(0.2);
  });

  it("computes nDCG@10 and MRR as defined", () => {
    const grades = [3, 0, 2, ...Array<number>(37).fill(0)];
    expect(ndcgAt(10, ["p01", "p03"], grades)).toBe(1);
    expect(ndcgAt(10, ["p03", "p01"], grades)).toBeCloseTo((3 + 7 / Math.log2(3)) / (7 + 3 / Math.log2(3)), 10);
    expect(ndcgAt(10, ["p02"], grades)).toBe(0);
    expect(reciprocalRank(["p02", "p03"], grades)).toBe(0.5);
    expect(reciprocalRank(["p02"], grades)).toBe(0);
  });
});
