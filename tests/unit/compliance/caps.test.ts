// The pure counting of the 10% (host) and 20% (post) caps, server/compliance/caps.ts (README "Mutation testing").
import { describe, expect, it } from "vitest";
import { checkCaps, countCaps, rowsAfter, type SeatRow } from "@/server/compliance/caps";

const row = (postingId: string, postId: string | null, quantity: number, open: boolean, held: number): SeatRow => ({ postingId, postId, quantity, open, held });

describe("the rows after a change", () => {
  const rows = [row("a", "p1", 3, true, 1), row("b", "p1", 2, false, 2), row("c", "p2", 4, true, 0)];

  it("rewrites a posting's seats, keeping its placements, and puts it last", () => {
    expect(rowsAfter(rows, { kind: "write", postingId: "a", postId: "p2", quantity: 5 })).toEqual([row("b", "p1", 2, false, 2), row("c", "p2", 4, true, 0), row("a", "p2", 5, true, 1)]);
  });

  it("adds a new posting (no id yet) with no placements", () => {
    expect(rowsAfter(rows, { kind: "write", postingId: null, postId: "p1", quantity: 2 })).toEqual([...rows, row("", "p1", 2, true, 0)]);
  });

  it("gives a taken seat to its posting, and counts a posting the rows lack as one closed placement", () => {
    expect(rowsAfter(rows, { kind: "take", postingId: "c", postId: "p2" })).toEqual([row("a", "p1", 3, true, 1), row("b", "p1", 2, false, 2), row("c", "p2", 4, true, 1)]);
    expect(rowsAfter(rows, { kind: "take", postingId: "z", postId: "p3" })).toEqual([...rows, row("z", "p3", 0, false, 1)]);
  });

  it("leaves the rows it was given unchanged", () => {
    const copy = structuredClone(rows);
    rowsAfter(rows, { kind: "take", postingId: "a", postId: "p1" });
    expect(rows).toEqual(copy);
  });
});

describe("counting both caps", () => {
  // An open posting counts max(seats, placements); a closed one its placements alone.
  const rows = [row("a", "p1", 3, true, 1), row("b", "p1", 2, false, 2), row("c", "p2", 4, true, 5), row("d", null, 6, true, 0)];

  it("counts every posting of the host and those of the post named", () => {
    expect(countCaps(rows, { kind: "take", postingId: "a", postId: "p1" }, 100, { id: "p1", staff: 20 })).toEqual({ hostInterns: 3 + 2 + 5 + 6, hostStaff: 100, postInterns: 3 + 2, postStaff: 20 });
    expect(countCaps(rows, { kind: "take", postingId: "a", postId: "p1" }, 100, { id: "p2", staff: 30 })).toEqual({ hostInterns: 16, hostStaff: 100, postInterns: 5, postStaff: 30 });
  });

  it("counts a placement beyond the seats of an open posting", () => {
    expect(countCaps(rows, { kind: "take", postingId: "a", postId: "p1" }, null, { id: "p1", staff: null }).postInterns).toBe(5);
    expect(countCaps([row("a", "p1", 1, true, 1)], { kind: "take", postingId: "a", postId: "p1" }, 10, { id: "p1", staff: 5 })).toEqual({ hostInterns: 2, hostStaff: 10, postInterns: 2, postStaff: 5 });
  });

  it("counts an older posting without a post alone, with the staff it stated", () => {
    expect(countCaps(rows, { kind: "write", postingId: "d", postId: null, quantity: 7 }, 50, { id: null, staff: 12 })).toEqual({ hostInterns: 3 + 2 + 5 + 7, hostStaff: 50, postInterns: 7, postStaff: 12 });
  });

  it("counts nothing for an empty host", () => {
    expect(countCaps([], { kind: "write", postingId: null, postId: null, quantity: 0 }, null, { id: null, staff: null })).toEqual({ hostInterns: 0, hostStaff: null, postInterns: 0, postStaff: null });
  });
});

describe("applying the caps to a count", () => {
  it("reports the post cap first, then the host cap, on the field given", () => {
    const both = checkCaps({ hostInterns: 11, hostStaff: 100, postInterns: 3, postStaff: 10 });
    expect(both.map((v) => [v.rule, v.field])).toEqual([
      ["postInternCap", "quantity"],
      ["hostInternCap", "quantity"],
    ]);
    expect(checkCaps({ hostInterns: 11, hostStaff: 100, postInterns: 3, postStaff: 10 }, null).map((v) => v.field)).toEqual([undefined, undefined]);
  });

  it("passes at the caps and skips a cap whose staff is unknown", () => {
    expect(checkCaps({ hostInterns: 10, hostStaff: 100, postInterns: 2, postStaff: 10 })).toEqual([]);
    expect(checkCaps({ hostInterns: 99, hostStaff: null, postInterns: 99, postStaff: null })).toEqual([]);
    expect(checkCaps({ hostInterns: 99, hostStaff: 0, postInterns: 99, postStaff: 0 })).toEqual([]);
    expect(checkCaps({ hostInterns: 1, hostStaff: 100, postInterns: 99, postStaff: null }).map((v) => v.rule)).toEqual([]);
    expect(checkCaps({ hostInterns: 11, hostStaff: 100, postInterns: 99, postStaff: null }).map((v) => v.rule)).toEqual(["hostInternCap"]);
    expect(checkCaps({ hostInterns: 1, hostStaff: null, postInterns: 3, postStaff: 10 }).map((v) => v.rule)).toEqual(["postInternCap"]);
  });
});
