/**
 * Student-proposing deferred acceptance with capacities (Gale–Shapley 1962; Roth 1984 for many seats per
 * host), as medical residency matching and school choice run it. Pure: no database, no clock; the same
 * input gives the same result, so a round can be re-run from its audit log entry.
 *
 * Each posting's priority over students: the students its host ranked, in that order; then every other
 * acceptable student in one lottery order drawn from the recorded seed (single tie-breaking keeps the
 * mechanism strategy-proof for students); students the host marked unacceptable, or who are not eligible
 * for the posting under the internship rules, never. The result is stable: no student and posting both
 * prefer each other to what they got.
 */
import { createRandom } from "../../db/random";

export interface AllocationPosting {
  id: string;
  /** Seats this round may fill, after the 10% and 20% caps (capacity.ts). */
  capacity: number;
  /** Students the host ranked, best first. */
  hostRanking?: readonly string[];
  /** Students the host will not take. */
  unacceptable?: readonly string[];
}

export interface AllocationInput {
  /** Seed (0 … 2^31 − 1) of the lottery that breaks the hosts' ties. */
  seed: number;
  /** Each student's choices, best first (posting ids). */
  students: readonly { id: string; choices: readonly string[] }[];
  postings: readonly AllocationPosting[];
  /** Student–posting pairs the internship rules refuse, with the rules that refuse them. */
  ineligible?: readonly { studentId: string; postingId: string; rules: readonly string[] }[];
}

/** Why a student did not get a posting they ranked above the one they got. */
export type WhyNot =
  | { postingId: string; choice: number; reason: "ineligible"; rules: string[] }
  | { postingId: string; choice: number; reason: "unacceptable" }
  | { postingId: string; choice: number; reason: "noSeats" }
  /** Every seat went to students the host put before this one; `byLottery`: this student was not ranked by the host, so the lottery placed them. */
  | { postingId: string; choice: number; reason: "outranked"; seats: number; byLottery: boolean }
  | { postingId: string; choice: number; reason: "notInRound" };

export interface StudentOutcome {
  studentId: string;
  postingId: string | null;
  /** 1-based choice obtained, null when unassigned. */
  choice: number | null;
  whyNot: WhyNot[];
}

export interface AllocationResult {
  seed: number;
  /** Student ids in lottery order (after the hosts' own rankings, this order decides). */
  lottery: string[];
  /** One per student, by student id. */
  outcomes: StudentOutcome[];
  /** distribution[k]: students who got their (k + 1)-th choice. */
  distribution: number[];
  unassigned: string[];
}

/** The lottery: student ids sorted, then shuffled by the seeded PRNG (Fisher–Yates). */
export function lotteryOrder(studentIds: readonly string[], seed: number): string[] {
  const random = createRandom(seed);
  const order = [...studentIds].sort();
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random.next() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

/** A fresh seed for a round (recorded with it, so the lottery can be re-drawn). */
export function newSeed(): number {
  // 31 bits: it is stored in a signed 32-bit integer column on PostgreSQL.
  return crypto.getRandomValues(new Uint32Array(1))[0]! >>> 1;
}

/** A max-heap of held students by priority key (largest key = least wanted, evicted first). */
class Held {
  keys: number[] = [];
  students: number[] = [];
  get size() {
    return this.keys.length;
  }
  get worst() {
    return this.keys[0]!;
  }
  push(key: number, student: number) {
    const k = this.keys;
    const s = this.students;
    let i = k.length;
    k.push(key);
    s.push(student);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (k[parent]! >= key) break;
      k[i] = k[parent]!;
      s[i] = s[parent]!;
      i = parent;
    }
    k[i] = key;
    s[i] = student;
  }
  /** Removes the worst and returns its student. */
  pop(): number {
    const k = this.keys;
    const s = this.students;
    const top = s[0]!;
    const lastKey = k.pop()!;
    const lastStudent = s.pop()!;
    const n = k.length;
    if (n === 0) return top;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && k[r]! > k[l]! ? r : l;
      if (k[c]! <= lastKey) break;
      k[i] = k[c]!;
      s[i] = s[c]!;
      i = c;
    }
    k[i] = lastKey;
    s[i] = lastStudent;
    return top;
  }
}

const refused = -1;

/** Runs the allocation. */
export function allocate(input: AllocationInput): AllocationResult {
  const studentCount = input.students.length;
  const studentIndex = new Map<string, number>();
  input.students.forEach((s, i) => studentIndex.set(s.id, i));
  const postingIndex = new Map<string, number>();
  input.postings.forEach((p, i) => postingIndex.set(p.id, i));
  const lottery = lotteryOrder(
    input.students.map((s) => s.id),
    input.seed,
  );
  const lotteryPos = new Int32Array(studentCount);
  lottery.forEach((id, pos) => (lotteryPos[studentIndex.get(id)!] = pos));

  // Per posting: the host's ranks (student index → rank) and refusals, read in O(1) during the proposals.
  const ranks = input.postings.map((p) => {
    const m = new Map<number, number>();
    p.hostRanking?.forEach((id, r) => {
      const i = studentIndex.get(id);
      if (i !== undefined && !m.has(i)) m.set(i, r);
    });
    for (const id of p.unacceptable ?? []) {
      const i = studentIndex.get(id);
      if (i !== undefined) m.set(i, refused);
    }
    return m;
  });
  const ineligible = new Map<string, string[]>();
  for (const pair of input.ineligible ?? []) ineligible.set(`${pair.studentId}\u0000${pair.postingId}`, [...pair.rules]);
  const choiceIdx = input.students.map((s) => s.choices.map((c) => postingIndex.get(c) ?? -1));
  const eligibleAt = (s: number, p: number) => !ineligible.has(`${input.students[s]!.id}\u0000${input.postings[p]!.id}`);
  /** Priority key of student s at posting p (smaller is better), or -1 when never acceptable. */
  const keyOf = (p: number, s: number) => {
    const r = ranks[p]!.get(s);
    if (r === refused) return -1;
    if (!eligibleAt(s, p)) return -1;
    return r !== undefined ? r : studentCount + lotteryPos[s]!;
  };

  const held = input.postings.map(() => new Held());
  const next = new Int32Array(studentCount);
  const assigned = new Int32Array(studentCount).fill(-1);
  const free: number[] = [];
  for (let s = studentCount - 1; s >= 0; s--) free.push(s);
  while (free.length > 0) {
    const s = free.pop()!;
    const choices = choiceIdx[s]!;
    while (next[s]! < choices.length) {
      const p = choices[next[s]!++]!;
      if (p < 0) continue;
      const key = keyOf(p, s);
      if (key < 0) continue;
      const h = held[p]!;
      const capacity = input.postings[p]!.capacity;
      if (h.size < capacity) {
        h.push(key, s);
        assigned[s] = p;
        break;
      }
      if (capacity > 0 && h.worst > key) {
        const evicted = h.pop();
        assigned[evicted] = -1;
        free.push(evicted);
        h.push(key, s);
        assigned[s] = p;
        break;
      }
    }
  }

  const distribution: number[] = [];
  const unassigned: string[] = [];
  const outcomes: StudentOutcome[] = input.students.map((student, s) => {
    const p = assigned[s]!;
    const choices = choiceIdx[s]!;
    const got = p >= 0 ? choices.indexOf(p) : choices.length;
    const whyNot: WhyNot[] = [];
    for (let c = 0; c < got; c++) {
      const q = choices[c]!;
      const choice = c + 1;
      const postingId = student.choices[c]!;
      if (q < 0) whyNot.push({ postingId, choice, reason: "notInRound" });
      else if (!eligibleAt(s, q)) whyNot.push({ postingId, choice, reason: "ineligible", rules: ineligible.get(`${student.id}\u0000${postingId}`)! });
      else if (ranks[q]!.get(s) === refused) whyNot.push({ postingId, choice, reason: "unacceptable" });
      else if (input.postings[q]!.capacity <= 0) whyNot.push({ postingId, choice, reason: "noSeats" });
      else whyNot.push({ postingId, choice, reason: "outranked", seats: input.postings[q]!.capacity, byLottery: !ranks[q]!.has(s) });
    }
    if (p >= 0) distribution[got] = (distribution[got] ?? 0) + 1;
    else unassigned.push(student.id);
    return { studentId: student.id, postingId: p >= 0 ? input.postings[p]!.id : null, choice: p >= 0 ? got + 1 : null, whyNot };
  });
  for (let i = 0; i < distribution.length; i++) distribution[i] ??= 0;
  outcomes.sort((a, b) => (a.studentId < b.studentId ? -1 : a.studentId > b.studentId ? 1 : 0));
  unassigned.sort();
  return { seed: input.seed, lottery, outcomes, distribution, unassigned };
}
