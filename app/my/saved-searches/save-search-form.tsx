"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useTRPCClient } from "@/app/_trpc/client";
import type { SavedCandidateParams, SavedPostingParams } from "@/server/schemas/saved-searches";
import { FormError } from "../../_components/form";
import { TreePicker } from "../../_components/tree-picker";
import { useT } from "../../_components/i18n";
import { useAction } from "../../_components/use-action";

type Target = { kind: "postings"; params: SavedPostingParams } | { kind: "candidates"; organisations: { id: string; name: string }[] };

/** Name and alert frequency for a new saved search: the search page's filters, or an enterprise's candidate filters. */
export function SaveSearchForm({ target, defaultName }: { target: Target; defaultName: string }) {
  const t = useT();
  const router = useRouter();
  const client = useTRPCClient();
  const action = useAction();
  const [name, setName] = useState(defaultName);
  const [frequency, setFrequency] = useState<"instant" | "daily">("daily");
  const [organisationId, setOrganisationId] = useState(target.kind === "candidates" ? (target.organisations[0]?.id ?? "") : "");
  const [candidate, setCandidate] = useState({ specialtyCode: "", regionCode: "", enrolmentYear: "" });
  const candidateParams = (): SavedCandidateParams => ({
    specialtyCode: candidate.specialtyCode.trim() || undefined,
    regionCode: candidate.regionCode.trim() || undefined,
    enrolmentYear: candidate.enrolmentYear.trim() ? Number(candidate.enrolmentYear) : undefined,
  });
  const save = () =>
    target.kind === "postings"
      ? client.savedSearches.savePostings.mutate({ name, frequency, params: target.params })
      : client.savedSearches.saveCandidates.mutate({ organisationId, name, frequency, params: candidateParams() });
  return (
    <form
      className="card space-y-3"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void action.run(save, () => router.push("/my/saved-searches"));
      }}
    >
      <FormError message={action.error} />
      {target.kind === "candidates" && (
        <>
          {target.organisations.length > 1 && (
            <label className="block text-sm">
              <span className="block text-slate-700">{t("savedSearch.organisation")}</span>
              <select className="input" value={organisationId} onChange={(e) => setOrganisationId(e.target.value)}>
                {target.organisations.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
              </select>
            </label>
          )}
          {(["specialtyCode", "regionCode"] as const).map((field) => (
            <div key={field} className="text-sm">
              <span className="block text-slate-700" id={`${field}-label`}>
                {t(field === "specialtyCode" ? "savedSearch.specialty" : "savedSearch.region")}
              </span>
              {/* Any level may be chosen: a whole group, class, province or city widens the search. */}
              <TreePicker id={field} taxonomy={field === "specialtyCode" ? "specialty" : "region"} value={candidate[field]} onChange={(code) => setCandidate({ ...candidate, [field]: code ?? "" })} canSelect={() => true} allowClear describedBy={`${field}-label`} invalid={!!action.fieldError(`params.${field}`)} />
              {action.fieldError(`params.${field}`) && <span className="text-red-700">{action.fieldError(`params.${field}`)}</span>}
            </div>
          ))}
          <label className="block text-sm">
            <span className="block text-slate-700">{t("savedSearch.enrolmentYear")}</span>
            <input className="input" inputMode="numeric" value={candidate.enrolmentYear} aria-invalid={action.fieldError("params.enrolmentYear") ? true : undefined} onChange={(e) => setCandidate({ ...candidate, enrolmentYear: e.target.value })} />
            {action.fieldError("params.enrolmentYear") && <span className="text-red-700">{action.fieldError("params.enrolmentYear")}</span>}
          </label>
        </>
      )}
      <label className="block text-sm">
        <span className="block text-slate-700">{t("savedSearch.name")}</span>
        <input className="input" value={name} maxLength={40} required aria-invalid={action.fieldError("name") ? true : undefined} onChange={(e) => setName(e.target.value)} />
        {action.fieldError("name") && <span className="text-red-700">{action.fieldError("name")}</span>}
      </label>
      <fieldset className="text-sm">
        <legend className="text-slate-700">{t("savedSearch.frequency")}</legend>
        {(["instant", "daily"] as const).map((f) => (
          <label key={f} className="mr-4 inline-flex items-center gap-1">
            <input type="radio" name="frequency" value={f} checked={frequency === f} onChange={() => setFrequency(f)} />
            {t(`savedSearch.frequency.${f}`)}
          </label>
        ))}
      </fieldset>
      <button type="submit" className="btn-primary" disabled={action.pending}>
        {t("savedSearch.save")}
      </button>
    </form>
  );
}
