import { z } from "zod";
import { id, isoDate } from "./common";

/** Zod schemas of allocation rounds (issue 21), shared by the forms and the procedures. */

const roundDates = { studentDeadline: isoDate, hostDeadline: isoDate };

export const createRoundInput = z
  .object({
    name: z.string().trim().min(2, "errors.text").max(80, "errors.text"),
    graduationYear: z.number().int().min(2000, "errors.year").max(2100, "errors.year"),
    specialtyCode: z.string().trim().regex(/^\d{6}K?$/, "errors.specialty").nullish(),
    specialtyClass: z.string().trim().regex(/^\d{4}$/, "errors.specialty").nullish(),
    maxChoices: z.number().int().min(1, "errors.roundTooManyChoices").max(20, "errors.roundTooManyChoices"),
    ...roundDates,
  })
  .refine((r) => r.specialtyCode || r.specialtyClass, { message: "errors.roundCohortRequired", path: ["specialtyCode"] })
  .refine((r) => r.hostDeadline >= r.studentDeadline, { message: "errors.roundDeadlines", path: ["hostDeadline"] });
export type CreateRoundInput = z.input<typeof createRoundInput>;

export const roundIdInput = z.object({ roundId: id });
export const addRoundPostingInput = z.object({ roundId: id, postingId: id, seats: z.number().int().min(1, "errors.quantity").max(10_000, "errors.quantity") });
export const advanceRoundInput = z.object({ roundId: id, to: z.enum(["ranking", "host_ranking"]) });
export const computeRoundInput = z.object({ roundId: id, seed: z.number().int().min(0).max(2 ** 31 - 1).optional() });
export const secondRoundInput = z
  .object({ roundId: id, name: z.string().trim().min(2, "errors.text").max(80, "errors.text"), ...roundDates })
  .refine((r) => r.hostDeadline >= r.studentDeadline, { message: "errors.roundDeadlines", path: ["hostDeadline"] });

/** A student's choices, best first. */
export const studentRankInput = z.object({ roundId: id, postingIds: z.array(id).max(20, "errors.roundTooManyChoices") });

/** A host's ranking of one posting's students: a rank (1 = most wanted), none (lottery order), or not acceptable. */
export const hostRankInput = z.object({
  roundId: id,
  postingId: id,
  entries: z.array(z.object({ studentId: id, rank: z.number().int().min(1).max(100_000).nullable(), unacceptable: z.boolean() })).max(5_000),
});
export type HostRankInput = z.input<typeof hostRankInput>;
