import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { evaluateRelevance, ndcgAt, reciprocalRank, type Direction, type RelevanceReport } from "@/scripts/eval-relevance";
import { gradeFiles, judgeAll, judgeOrganisations } from "../fixtures/relevance/judge";
import { heldOutWorld } from "../fixtures/relevance/world-heldout";
import { tuningWorld } from "../fixtures/relevance/world";
import { createTestDb } from "../helpers/db";

/**
 * Matching's order on the judged sets (tests/fixtures/relevance, issue 18 item 2): the world the weights were tuned
 * on and a held-out one, in every direction (a student's postings, a posting's students, a school's enterprises, an
 * enterprise's schools). Floors sit just under what `npm run eval:relevance` measured when they were set, so a change
 * that costs order fails here (a preferred region below the school's city and a kind term blind to the final year
 * gave 0.930 for students on the tuning world).
 */
describe("relevance of matching on the judged sets", () => {
  let tuning: RelevanceReport;
  let heldOut: RelevanceReport;
  let reversed: RelevanceReport;
  beforeAll(async () => {
    tuning = await evaluateRelevance(await createTestDb(), tuningWorld);
    heldOut = await evaluateRelevance(await createTestDb(), heldOutWorld);
    // The same world with every student and posting created in the opposite order: other ids and rowids.
    reversed = await evaluateRelevance(await createTestDb(), tuningWorld, { reversed: true });
  }, 300_000);

  it("grades at least 20 students × 40 postings per world, every pair 0–3 with a reason, in step with the rubric", () => {
    for (const world of [tuningWorld, heldOutWorld]) {
      const files = gradeFiles(world);
      const read = (file: string) => JSON.parse(readFileSync(new URL(`../fixtures/relevance/${file}`, import.meta.url), "utf8")) as { grade: number; reason: string }[];
      const judged = read(files.students);
      expect(world.students.length).toBeGreaterThanOrEqual(20);
      expect(world.postings.length).toBeGreaterThanOrEqual(40);
      expect(judged).toHaveLength(world.students.length * world.postings.length);
      expect(judged.every((j) => [0, 1, 2, 3].includes(j.grade) && j.reason.length > 3)).toBe(true);
      expect(judged).toEqual(judgeAll(world));
      expect(read(files.organisations)).toEqual(judgeOrganisations(world));
    }
    // Held out means apart: no student or posting of one world is in the other (by specialty and place).
    const where = (w: typeof tuningWorld) => new Set(w.postings.map((p) => `${p.specialties.join("+")}@${p.county}`));
    const tuned = where(tuningWorld);
    expect([...where(heldOutWorld)].filter((k) => tuned.has(k))).toEqual([]);
  });

  it("keeps the tuning world's floors, well above the baselines, with no barred posting or student in any top 10", () => {
    expect(tuning.forStudent.ranking.lists).toBeGreaterThanOrEqual(20);
    expect(tuning.forStudent.ranking.barredInTop10).toBe(0);
    expect(tuning.forStudent.ranking.ndcg10).toBeGreaterThanOrEqual(0.99);
    expect(tuning.forStudent.ranking.mrr).toBeGreaterThanOrEqual(0.85);
    expect(tuning.forStudent.ranking.ndcg10 - tuning.forStudent.baseline.ndcg10).toBeGreaterThan(0.25);
    expect(tuning.forPosting.ranking.lists).toBeGreaterThanOrEqual(30);
    expect(tuning.forPosting.ranking.barredInTop10).toBe(0);
    expect(tuning.forPosting.ranking.ndcg10).toBeGreaterThanOrEqual(0.99);
    expect(tuning.forPosting.ranking.ndcg10 - tuning.forPosting.baseline.ndcg10).toBeGreaterThan(0.2);
    // match.forOrganisation, measured 0.982 (school; baseline 0.462) and 1.000 (enterprise; baseline 0.824).
    expect(tuning.forOrganisationSchool.ranking.ndcg10).toBeGreaterThanOrEqual(0.975);
    expect(tuning.forOrganisationSchool.ranking.ndcg10 - tuning.forOrganisationSchool.baseline.ndcg10).toBeGreaterThan(0.3);
    expect(tuning.forOrganisationEnterprise.ranking.ndcg10).toBeGreaterThanOrEqual(0.995);
    expect(tuning.forOrganisationEnterprise.ranking.ndcg10 - tuning.forOrganisationEnterprise.baseline.ndcg10).toBeGreaterThan(0.1);
  });

  it("keeps the held-out world's floors in every direction, above the baselines, with no barred posting or student in any top 10", () => {
    // Measured when set: students 0.972 (baseline 0.454), postings 0.998 (0.598), schools 0.974 (0.549),
    // enterprises 0.985 (0.809), with 同专业类 3 points below 同专业 (was 10: 0.943, 0.991, 0.897, 0.949). The
    // enterprises' schools were 0.959 while place weighed as for a student: the rubric puts a school in the
    // enterprise's city whose classes feed its industry (2) above a far school of the same specialty (1); between
    // organisations place now has the larger steps of weights.cooperationRegion.
    const floors: [Direction, number][] = [
      [heldOut.forStudent, 0.97],
      [heldOut.forPosting, 0.99],
      [heldOut.forOrganisationSchool, 0.97],
      [heldOut.forOrganisationEnterprise, 0.98],
    ];
    for (const [direction, floor] of floors) {
      expect(direction.ranking.ndcg10).toBeGreaterThanOrEqual(floor);
      expect(direction.ranking.ndcg10).toBeGreaterThan(direction.baseline.ndcg10 + 0.1);
    }
    expect(heldOut.forStudent.ranking.lists).toBeGreaterThanOrEqual(15);
    expect(heldOut.forStudent.ranking.barredInTop10).toBe(0);
    expect(heldOut.forPosting.ranking.barredInTop10).toBe(0);
    // The baselines do list barred students: the count is not vacuous.
    expect(heldOut.forPosting.baseline.barredInTop10).toBeGreaterThan(0);
  });

  it("orders every direction alike in any order of creation: equal scores never decide what is listed", () => {
    // Other ids and rowids, the last tie-breaks. Postings (for a student, and enterprises by their best posting for
    // a school) tie-break on nearer, pay, seats, date; students for a posting on nearer, a kind for their year, the
    // closer specialty and no preferred region elsewhere; schools for an enterprise on nearer, the closer specialty
    // and more fitting programmes (server/matching/counterparts.ts). An id decides only between items alike in all
    // of these, which the rubric grades alike, so every list's nDCG@10 is the same.
    const grades = (d: Direction) => d.perList.map((l) => ({ key: l.key, ndcg10: l.ndcg10.toFixed(12) }));
    for (const direction of ["forStudent", "forPosting", "forOrganisationSchool", "forOrganisationEnterprise"] as const) {
      expect(grades(reversed[direction]), direction).toEqual(grades(tuning[direction]));
    }
    expect(reversed.forStudent.ranking.barredInTop10).toBe(0);
    expect(reversed.forPosting.ranking.barredInTop10).toBe(0);
  });

  it("puts a student's preferred region first and a year-one student's visits first (issue 18's findings)", () => {
    const top = (key: string) => tuning.forStudent.perList.find((s) => s.key === key)!.top;
    // s02 studies in 广州 and wants 宁波: the 宁波 placement of their specialty leads, then 宁波's apprenticeship of
    // their class (同专业类 where they want to be), both ahead of 广州's placement of their specialty.
    expect(top("s02").slice(0, 2)).toEqual(["p03", "p37"]);
    expect(top("s02")).toContain("p01");
    // s05 is in year one (15): a visit first, and no placement or apprentice post at all.
    expect(tuningWorld.postings.find((p) => p.key === top("s05")[0])?.kind).toBe("V");
    expect(top("s05").every((key) => ["V", "O"].includes(tuningWorld.postings.find((p) => p.key === key)!.kind))).toBe(true);
  });

  it("computes nDCG@10 and MRR as defined", () => {
    const grades = new Map([
      ["p01", 3],
      ["p02", 0],
      ["p03", 2],
      ["p04", 0],
    ]);
    expect(ndcgAt(10, ["p01", "p03"], grades)).toBe(1);
    expect(ndcgAt(10, ["p03", "p01"], grades)).toBeCloseTo((3 + 7 / Math.log2(3)) / (7 + 3 / Math.log2(3)), 10);
    expect(ndcgAt(10, ["p02"], grades)).toBe(0);
    expect(reciprocalRank(["p02", "p03"], grades)).toBe(0.5);
    expect(reciprocalRank(["p02"], grades)).toBe(0);
  });
});
