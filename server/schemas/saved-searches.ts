import { z } from "zod";
import { regionCode, specialtyCode } from "./common";
import { searchPostingsInput } from "./search";

export const alertFrequencies = ["instant", "daily"] as const;
export type AlertFrequency = (typeof alertFrequencies)[number];

/**
 * What defines a saved search of postings: the search page's filters (server/schemas/search-params.ts parses the URL
 * into searchPostingsInput); its order and position on the page do not change which postings match.
 */
export const savedPostingParams = searchPostingsInput.omit({ sort: true, cursor: true, limit: true });
export type SavedPostingParams = z.output<typeof savedPostingParams>;

/** An enterprise's search of candidates: students visible to enterprises, by specialty (any level), school region, intake. */
export const savedCandidateParams = z.object({
  specialtyCode: specialtyCode.optional(),
  regionCode: regionCode.optional(),
  enrolmentYear: z.number().int().min(2000).max(2100).optional(),
});
export type SavedCandidateParams = z.output<typeof savedCandidateParams>;

const name = z.string().trim().min(1, "errors.savedSearchName").max(40, "errors.savedSearchName");
const frequency = z.enum(alertFrequencies, "errors.alertFrequency");
const savedSearchId = z.string().uuid();

export const savePostingSearchInput = z.object({ name, frequency: frequency.default("daily"), params: savedPostingParams });
export type SavePostingSearchInput = z.input<typeof savePostingSearchInput>;

export const saveCandidateSearchInput = z.object({ organisationId: z.string().uuid(), name, frequency: frequency.default("daily"), params: savedCandidateParams });
export type SaveCandidateSearchInput = z.input<typeof saveCandidateSearchInput>;

export const renameSavedSearchInput = z.object({ savedSearchId, name });
export const updateSavedSearchInput = z.object({ savedSearchId, frequency: frequency.optional(), mailEnabled: z.boolean().optional() });
export const savedSearchRef = z.object({ savedSearchId });
