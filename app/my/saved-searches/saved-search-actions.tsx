"use client";

import { useState } from "react";
import { useTRPCClient } from "@/app/_trpc/client";
import { ConfirmButton } from "../../_components/confirm-dialog";
import { FormError } from "../../_components/form";
import { useT } from "../../_components/i18n";
import { useAction } from "../../_components/use-action";

/** Rename, alert frequency, mail on/off and delete for one saved search. */
export function SavedSearchActions({ id, name, frequency, mailEnabled }: { id: string; name: string; frequency: "instant" | "daily"; mailEnabled: boolean }) {
  const t = useT();
  const client = useTRPCClient();
  const action = useAction();
  const [draft, setDraft] = useState(name);
  return (
    <div className="space-y-2">
      <FormError message={action.error} />
      <form
        className="flex flex-wrap items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          void action.run(() => client.savedSearches.rename.mutate({ savedSearchId: id, name: draft }));
        }}
      >
        <label className="text-sm">
          <span className="block text-slate-700">{t("savedSearch.name")}</span>
          <input className="input" value={draft} maxLength={40} onChange={(e) => setDraft(e.target.value)} />
        </label>
        <button type="submit" className="btn-secondary" disabled={action.pending || draft === name}>
          {t("savedSearch.rename")}
        </button>
        <label className="text-sm">
          <span className="block text-slate-700">{t("savedSearch.frequency")}</span>
          <select className="input" value={frequency} disabled={action.pending} onChange={(e) => void action.run(() => client.savedSearches.update.mutate({ savedSearchId: id, frequency: e.target.value as "instant" | "daily" }))}>
            <option value="instant">{t("savedSearch.frequency.instant")}</option>
            <option value="daily">{t("savedSearch.frequency.daily")}</option>
          </select>
        </label>
        <button type="button" className="btn-secondary" disabled={action.pending} onClick={() => void action.run(() => client.savedSearches.update.mutate({ savedSearchId: id, mailEnabled: !mailEnabled }))}>
          {mailEnabled ? t("savedSearch.mailDisable") : t("savedSearch.mailEnable")}
        </button>
        <ConfirmButton className="btn-secondary text-red-700" danger disabled={action.pending} confirm={t("savedSearch.deleteConfirm", { name })} confirmLabel={t("savedSearch.delete")} onConfirm={() => void action.run(() => client.savedSearches.delete.mutate({ savedSearchId: id }))}>
          {t("savedSearch.delete")}
        </ConfirmButton>
      </form>
    </div>
  );
}
