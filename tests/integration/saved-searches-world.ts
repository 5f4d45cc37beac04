import { savePostingSearch } from "@/server/alerts/saved-searches";
import type { World } from "../helpers/world";

/** Inputs of the savedSearches procedures for the authorisation matrix: the student's own saved search. */
export async function savedSearchInputs(w: World): Promise<Record<string, unknown>> {
  const { id } = await savePostingSearch(w.db, w.ids.student, { name: "广州实习", frequency: "daily", params: { regionCode: "440106" } });
  return {
    "savedSearches.list": undefined,
    "savedSearches.savePostings": { name: "软件", params: { query: "软件" } },
    "savedSearches.saveCandidates": { organisationId: w.enterprise.organisationId, name: "计算机类", params: { specialtyCode: "5102" } },
    "savedSearches.rename": { savedSearchId: id, name: "天河区实习" },
    "savedSearches.update": { savedSearchId: id, frequency: "instant" },
    "savedSearches.delete": { savedSearchId: id },
    "savedSearches.outbox": {},
  };
}
