import type { z } from "zod";
import type { Db } from "../../db/create";
import { minorsForbiddenOf } from "../../db/queries/search-page";
import type { PostingKind } from "../../db/schema-enums";
import { checkStudentEligibility, type StudentFacts } from "../compliance/application";
import { studentFacingKinds } from "../compliance/posting";
import type { Eligibility } from "../matching/eligibility";
import type { MatchProfile } from "../matching/score";
import type { searchPageInput } from "../schemas/search-params";
import { searchFacets } from "./facets";
import type { Cursor, SearchFilters, SortOrder } from "./posting-index";
import { findPostings, indexOrWarmingUp, searchBySql } from "./search-postings";

type Student = { profile: MatchProfile; facts: StudentFacts; eligibility: Eligibility } | null;

/** A rule's reason, in both languages (the page shows the reader's). */
export interface BarredReason {
  zh: string;
  en: string;
}

/**
 * The position after the first `skip` results of a search, in its order (key, then rowid, descending): where page
 * n starts. Null when the search has no more than `skip` results (the page is past the end).
 */
async function positionAfter(db: Db, args: { filters: SearchFilters; sort: SortOrder; profile: MatchProfile | null; eligibility: Eligibility | null; now: number }, skip: number): Promise<Cursor | null> {
  const index = await indexOrWarmingUp(db);
  const query = { ...args, cursor: null, limit: skip, counts: false };
  return (index ? await index.search(db, query) : await searchBySql(db, query)).nextCursor;
}

/**
 * The search page: one numbered page of a search in the chosen order, its total and facets, and for a signed-in
 * student the rules' reasons on every posting they may not take (hidden altogether with `hideBarred`). Pages are
 * positions in one stable order, so a page's URL shows the same postings again and pages neither repeat nor skip.
 */
export async function searchPage(db: Db, input: z.output<typeof searchPageInput>, student: Student, now = Date.now()) {
  const { sort, cursor, limit, page, hideBarred, ...filters } = input;
  const eligibility = student ? { ...student.eligibility, barred: hideBarred ? ("out" as const) : ("last" as const) } : null;
  const profile = student?.profile ?? null;
  // A cursor from an older link goes on from there; otherwise the page's position is counted from the start.
  const start = cursor ?? (page > 1 ? await positionAfter(db, { filters, sort, profile, eligibility, now }, (page - 1) * limit) : null);
  const past = !cursor && page > 1 && start === null;
  const found = await findPostings(db, { filters, sort, profile, eligibility, cursor: start, limit: past ? 1 : limit, now });
  const items = past ? [] : found.items;
  const facets = await searchFacets(db, { filters, eligibility: hideBarred ? eligibility : null, counted: found.facets, now });
  const minors = student ? await minorsForbiddenOf(db, items.map((i) => i.id)) : new Map<string, boolean>();
  return {
    items: items.map((item) => ({ ...item, barred: student ? barredReasons(item, minors.get(item.id) ?? false, student.facts) : [] })),
    total: found.total,
    page,
    pages: Math.ceil(found.total / limit),
    facets,
  };
}

/** Why a student may not take a posting, from the compliance rules themselves (none for kinds they do not take part in). */
function barredReasons(
  item: { kind: string; applyBy: string; startDate: string; quantity: number; specialties: { groupDomain: string }[] },
  forbiddenForMinors: boolean,
  facts: StudentFacts,
): BarredReason[] {
  const kind = item.kind as PostingKind;
  if (!studentFacingKinds.includes(kind)) return [];
  const posting = {
    kind,
    status: "published",
    applyBy: item.applyBy,
    startDate: item.startDate,
    quantity: item.quantity,
    specialtyGroups: [...new Set(item.specialties.map((s) => s.groupDomain))],
    forbiddenForMinors,
    postStaffCount: null,
  };
  return checkStudentEligibility(posting, facts).map((v) => ({ zh: v.zh, en: v.en }));
}
