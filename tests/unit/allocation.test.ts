import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { allocatableSeats, type CapacityPosting, type HostCapFacts } from "@/server/allocation/capacity";
import { allocate, lotteryOrder, type AllocationInput, type AllocationResult } from "@/server/allocation/deferred-acceptance";
import { checkCaps, countCaps, type SeatRow } from "@/server/compliance/caps";

const s = (i: number) => `s${String(i).padStart(3, "0")}`;
const p = (i: number) => `p${i}`;

describe("deferred acceptance", () => {
  it("gives the contested seat to the student the host ranked first, and the other their second choice", () => {
    const result = allocate({
      seed: 1,
      students: [
        { id: "a", choices: ["x", "y"] },
        { id: "b", choices: ["x", "y"] },
      ],
      postings: [
        { id: "x", capacity: 1, hostRanking: ["b", "a"] },
        { id: "y", capacity: 1 },
      ],
    });
    expect(result.outcomes).toEqual([
      { studentId: "a", postingId: "y", choice: 2, whyNot: [{ postingId: "x", choice: 1, reason: "outranked", seats: 1, byLottery: false }] },
      { studentId: "b", postingId: "x", choice: 1, whyNot: [] },
    ]);
    expect(result.distribution).toEqual([1, 1]);
    expect(result.unassigned).toEqual([]);
  });

  it("never places an unacceptable or ineligible student, and says why", () => {
    const result = allocate({
      seed: 9,
      students: [{ id: "a", choices: ["x", "y", "z"] }],
      postings: [
        { id: "x", capacity: 3, unacceptable: ["a"] },
        { id: "y", capacity: 3 },
        { id: "z", capacity: 3 },
      ],
      ineligible: [{ studentId: "a", postingId: "y", rules: ["firstYearStudent"] }],
    });
    expect(result.outcomes[0]).toEqual({
      studentId: "a",
      postingId: "z",
      choice: 3,
      whyNot: [
        { postingId: "x", choice: 1, reason: "unacceptable" },
        { postingId: "y", choice: 2, reason: "ineligible", rules: ["firstYearStudent"] },
      ],
    });
  });

  it("ranked students come before unranked ones, who follow the lottery", () => {
    const ids = [s(1), s(2), s(3), s(4)];
    const lottery = lotteryOrder(ids, 42);
    const result = allocate({ seed: 42, students: ids.map((id) => ({ id, choices: ["x"] })), postings: [{ id: "x", capacity: 2, hostRanking: [s(4)] }] });
    const firstUnranked = lottery.find((id) => id !== s(4))!;
    expect(result.outcomes.filter((o) => o.postingId === "x").map((o) => o.studentId).sort()).toEqual([s(4), firstUnranked].sort());
    expect(result.unassigned).toHaveLength(2);
    expect(result.outcomes.find((o) => o.studentId === result.unassigned[0])!.whyNot[0]).toMatchObject({ reason: "outranked", byLottery: true });
  });

  it("a zero-capacity posting is explained as no seats; the lottery depends on the seed only", () => {
    const result = allocate({ seed: 3, students: [{ id: "a", choices: ["x"] }], postings: [{ id: "x", capacity: 0 }] });
    expect(result.outcomes[0]!.whyNot).toEqual([{ postingId: "x", choice: 1, reason: "noSeats" }]);
    expect(lotteryOrder(["c", "a", "b"], 5)).toEqual(lotteryOrder(["b", "c", "a"], 5));
  });
});

// --- Properties -------------------------------------------------------------------------------------

/** A random round: up to 12 students, 5 postings, choices, host rankings, refusals and ineligible pairs. */
const roundArb = fc
  .record({ students: fc.integer({ min: 1, max: 12 }), postings: fc.integer({ min: 1, max: 5 }), seed: fc.nat() })
  .chain(({ students, postings, seed }) =>
    fc.record({
      seed: fc.constant(seed),
      students: fc.tuple(...Array.from({ length: students }, (_, i) => fc.shuffledSubarray(Array.from({ length: postings }, (_, j) => p(j))).map((choices) => ({ id: s(i), choices })))),
      postings: fc.tuple(
        ...Array.from({ length: postings }, (_, j) =>
          fc.record({
            id: fc.constant(p(j)),
            capacity: fc.integer({ min: 0, max: 3 }),
            hostRanking: fc.shuffledSubarray(Array.from({ length: students }, (_, i) => s(i))),
            unacceptable: fc.subarray(Array.from({ length: students }, (_, i) => s(i)), { maxLength: Math.min(2, students) }),
          }),
        ),
      ),
      ineligible: fc.subarray(
        Array.from({ length: students * postings }, (_, k) => ({ studentId: s(Math.floor(k / postings)), postingId: p(k % postings), rules: ["specialtyGroup"] })),
        { maxLength: Math.min(3, students * postings) },
      ),
    }),
  ) as fc.Arbitrary<AllocationInput>;

/** The host's priority order as the algorithm should apply it (smaller is better; null: never). */
function priority(input: AllocationInput, result: AllocationResult, postingId: string, studentId: string): number | null {
  const posting = input.postings.find((x) => x.id === postingId)!;
  if (posting.unacceptable?.includes(studentId)) return null;
  if (input.ineligible?.some((i) => i.studentId === studentId && i.postingId === postingId)) return null;
  const r = posting.hostRanking?.indexOf(studentId) ?? -1;
  return r >= 0 ? r : 1000 + result.lottery.indexOf(studentId);
}

const rankOf = (choices: readonly string[], postingId: string | null) => (postingId === null ? Infinity : choices.indexOf(postingId));

describe("deferred acceptance: properties", () => {
  it("is stable: no student and posting both prefer each other to what they got", () => {
    fc.assert(
      fc.property(roundArb, (input) => {
        const result = allocate(input);
        for (const student of input.students) {
          const got = result.outcomes.find((o) => o.studentId === student.id)!;
          const gotRank = rankOf(student.choices, got.postingId);
          for (const postingId of student.choices.slice(0, Math.min(gotRank, student.choices.length))) {
            const mine = priority(input, result, postingId, student.id);
            if (mine === null) continue;
            const posting = input.postings.find((x) => x.id === postingId)!;
            const holders = result.outcomes.filter((o) => o.postingId === postingId);
            // A blocking pair: the posting has a free seat, or holds someone it wants less.
            expect(holders.length).toBe(posting.capacity);
            for (const h of holders) expect(priority(input, result, postingId, h.studentId)!).toBeLessThan(mine);
          }
        }
      }),
      { numRuns: 400 },
    );
  });

  it("never exceeds a posting's capacity, and places no one where they are unacceptable, ineligible or unranked", () => {
    fc.assert(
      fc.property(roundArb, (input) => {
        const result = allocate(input);
        for (const posting of input.postings) expect(result.outcomes.filter((o) => o.postingId === posting.id).length).toBeLessThanOrEqual(posting.capacity);
        for (const o of result.outcomes) {
          if (o.postingId === null) continue;
          expect(priority(input, result, o.postingId, o.studentId)).not.toBeNull();
          expect(input.students.find((x) => x.id === o.studentId)!.choices).toContain(o.postingId);
        }
        expect(result.distribution.reduce((a, b) => a + b, 0) + result.unassigned.length).toBe(input.students.length);
      }),
      { numRuns: 400 },
    );
  });

  it("is strategy-proof for students: no misreported ranking gets a student a seat they truly prefer", () => {
    fc.assert(
      fc.property(
        roundArb.chain((input) => fc.tuple(fc.constant(input), fc.integer({ min: 0, max: input.students.length - 1 }), fc.shuffledSubarray(input.postings.map((x) => x.id)))),
        ([input, who, lie]) => {
          const truth = input.students[who]!;
          const honest = allocate(input).outcomes.find((o) => o.studentId === truth.id)!;
          const misreported = allocate({ ...input, students: input.students.map((x, i) => (i === who ? { id: x.id, choices: lie } : x)) }).outcomes.find((o) => o.studentId === truth.id)!;
          // Judged by the true ranking: a posting not on it is worth nothing to the student.
          const value = (postingId: string | null) => {
            const r = rankOf(truth.choices, postingId);
            return r < 0 ? Infinity : r;
          };
          expect(value(misreported.postingId)).toBeGreaterThanOrEqual(value(honest.postingId));
        },
      ),
      { numRuns: 400 },
    );
  });

  it("re-running with the same input and seed gives the same result", () => {
    fc.assert(fc.property(roundArb, (input) => {
        expect(allocate(structuredClone(input))).toEqual(allocate(input));
      }), { numRuns: 100 });
  });
});

describe("allocatable seats under the 10% and 20% caps", () => {
  const hostArb = fc.record({
    hostStaff: fc.option(fc.integer({ min: 0, max: 120 }), { nil: null }),
    postStaff: fc.integer({ min: 1, max: 60 }),
    postings: fc.array(fc.record({ quantity: fc.integer({ min: 0, max: 8 }), held: fc.integer({ min: 0, max: 4 }), reserved: fc.integer({ min: 0, max: 8 }), inRound: fc.boolean() }), { minLength: 1, maxLength: 4 }),
  });

  it("the round's placements never push the host or the post over its cap, nor a posting over its free seats", () => {
    fc.assert(
      fc.property(hostArb, fc.nat(), (host, seed) => {
        const rows: SeatRow[] = host.postings.map((x, i) => ({ postingId: p(i), postId: "post", quantity: x.quantity, open: true, held: x.held }));
        const facts: HostCapFacts = { hostStaff: host.hostStaff, rows, postStaff: { post: host.postStaff } };
        const inRound: CapacityPosting[] = host.postings.flatMap((x, i) => (x.inRound ? [{ postingId: p(i), postId: "post", reserved: x.reserved, legacyPostStaff: null }] : []));
        const capacities = allocatableSeats(facts, inRound);
        const students = Array.from({ length: 30 }, (_, i) => ({ id: s(i), choices: inRound.map((x) => x.postingId) }));
        const result = allocate({ seed, students, postings: inRound.map((x) => ({ id: x.postingId, capacity: capacities.get(x.postingId)!.capacity })) });
        const takes = new Map<string, number>();
        for (const o of result.outcomes) if (o.postingId) takes.set(o.postingId, (takes.get(o.postingId) ?? 0) + 1);
        const after = rows.map((r) => ({ ...r, held: r.held + (takes.get(r.postingId) ?? 0) }));
        for (const r of rows) expect(takes.get(r.postingId) ?? 0).toBeLessThanOrEqual(Math.max(0, r.quantity - r.held));
        if (result.outcomes.some((o) => o.postingId)) {
          // The same counting rule as publishing: rewriting a posting as it is changes nothing.
          const count = countCaps(after, { kind: "write", postingId: after[0]!.postingId, postId: "post", quantity: after[0]!.quantity }, host.hostStaff, { id: "post", staff: host.postStaff });
          const before = countCaps(rows, { kind: "write", postingId: rows[0]!.postingId, postId: "post", quantity: rows[0]!.quantity }, host.hostStaff, { id: "post", staff: host.postStaff });
          // Over a cap afterwards only if it was already over before the round (then the round added nothing beyond open seats).
          if (checkCaps(before).length === 0) expect(checkCaps(count)).toEqual([]);
          else expect(result.outcomes.every((o) => o.postingId === null)).toBe(true);
        }
      }),
      { numRuns: 400 },
    );
  });

  it("stops at the host's 10% when the open seats would exceed it", () => {
    // 50 staff: at most 5 interns; a closed posting already holds 4, so one more seat only.
    const facts: HostCapFacts = { hostStaff: 50, rows: [{ postingId: "old", postId: null, quantity: 4, open: false, held: 4 }, { postingId: "new", postId: "post", quantity: 3, open: false, held: 0 }], postStaff: { post: 100 } };
    expect(allocatableSeats(facts, [{ postingId: "new", postId: "post", reserved: 3, legacyPostStaff: null }]).get("new")).toEqual({ capacity: 1, limitedBy: "hostInternCap" });
  });
});
