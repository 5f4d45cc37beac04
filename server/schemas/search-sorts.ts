/**
 * The orders of a search: relevance (a signed-in student's matching score; newest for others), newest, pay, and
 * the nearest apply-by (申请截止) first. Apart from the zod schemas so the search form lists them without zod.
 */
export const searchSorts = ["relevance", "newest", "pay", "applyBy"] as const;
export type SearchSort = (typeof searchSorts)[number];
