import { z } from "zod";
import { postingKinds } from "../../db/schema-enums";
import { industryCode, isoDate, regionCode, specialtyCode } from "./common";
import { searchSorts } from "./search-sorts";

const cursor = z.object({ key: z.number(), rowid: z.number().int() }).nullish();

export const searchPostingsInput = z.object({
  query: z.string().trim().max(40, "errors.text").optional(),
  regionCode: regionCode.optional(),
  industryCode: industryCode.optional(),
  specialtyCode: specialtyCode.optional(),
  kinds: z.array(z.enum(postingKinds)).max(postingKinds.length).optional(),
  payMin: z.number().int().min(0).max(1_000_000).optional(),
  payMax: z.number().int().min(0).max(1_000_000).optional(),
  startFrom: isoDate.optional(),
  startTo: isoDate.optional(),
  minSeats: z.number().int().min(0).max(10_000).optional(),
  sort: z.enum(searchSorts).default("relevance"),
  cursor,
  limit: z.number().int().min(1).max(50).default(20),
});
export type SearchPostingsInput = z.input<typeof searchPostingsInput>;

export const matchForStudentInput = z.object({ cursor, limit: z.number().int().min(1).max(50).default(10) });
