/**
 * Times the allocation alone (server/allocation/deferred-acceptance.ts): 10,000 students × 2,000 postings ×
 * 10 choices by default, popular postings more often chosen (as in practice), every host ranking a few of its
 * applicants. Target: ≤ 2 s. `npm run bench:allocation [-- --students N --postings M --choices K --seed S]`.
 */
import { parseArgs } from "node:util";
import { createRandom } from "../db/random";
import { allocate, type AllocationPosting } from "../server/allocation/deferred-acceptance";

const { values } = parseArgs({ options: { students: { type: "string", default: "10000" }, postings: { type: "string", default: "2000" }, choices: { type: "string", default: "10" }, seed: { type: "string", default: "2026" } } });
const [studentCount, postingCount, choiceCount, seed] = [Number(values.students), Number(values.postings), Number(values.choices), Number(values.seed)];
const random = createRandom(seed);

// Skewed popularity: a posting's chance grows with a Zipf-like weight, so some postings are heavily contested.
const weights = Array.from({ length: postingCount }, (_, i) => 1 / Math.sqrt(i + 1));
const cumulative: number[] = [];
weights.reduce((sum, w, i) => (cumulative[i] = sum + w), 0);
const total = cumulative[cumulative.length - 1]!;
const pickPosting = () => {
  const x = random.next() * total;
  let lo = 0;
  let hi = postingCount - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
};

const students = Array.from({ length: studentCount }, (_, i) => {
  const chosen = new Set<number>();
  while (chosen.size < Math.min(choiceCount, postingCount)) chosen.add(pickPosting());
  return { id: `s${i}`, choices: [...chosen].map((j) => `p${j}`) };
});
const rankers = new Map<number, string[]>();
for (const st of students) for (const c of st.choices.slice(0, 3)) if (random.next() < 0.2) (rankers.get(Number(c.slice(1))) ?? rankers.set(Number(c.slice(1)), []).get(Number(c.slice(1)))!).push(st.id);
const postings: AllocationPosting[] = Array.from({ length: postingCount }, (_, j) => ({ id: `p${j}`, capacity: random.int(1, 8), hostRanking: rankers.get(j) ?? [], unacceptable: [] }));
const ineligible = Array.from({ length: studentCount / 10 }, () => ({ studentId: `s${random.int(0, studentCount - 1)}`, postingId: `p${random.int(0, postingCount - 1)}`, rules: ["specialtyGroup"] }));

const started = performance.now();
const result = allocate({ seed, students, postings, ineligible });
const ms = performance.now() - started;
const seats = postings.reduce((sum, x) => sum + x.capacity, 0);
console.log(
  JSON.stringify({
    students: studentCount,
    postings: postingCount,
    choices: choiceCount,
    seats,
    ms: Math.round(ms * 10) / 10,
    target_ms: 2000,
    assigned: studentCount - result.unassigned.length,
    firstChoice: result.distribution[0] ?? 0,
    unassigned: result.unassigned.length,
  }),
);
if (ms > 2000) process.exitCode = 1;
