"use client";

import { useState } from "react";
import { useTRPCClient } from "@/app/_trpc/client";
import { Field, FormError } from "../../_components/form";
import { useT } from "../../_components/i18n";
import { useAction } from "../../_components/use-action";

const codes = (text: string) => text.split(/[\s,，、]+/).filter(Boolean);

export function MapEntryEditor({ domainCode, primary, related }: { domainCode: string; primary: string[]; related: string[] }) {
  const t = useT();
  const client = useTRPCClient();
  const action = useAction();
  const [primaryText, setPrimary] = useState(primary.join(", "));
  const [relatedText, setRelated] = useState(related.join(", "));
  return (
    <form
      className="grid gap-3 sm:grid-cols-[1fr_1fr_auto] sm:items-end"
      onSubmit={(e) => {
        e.preventDefault();
        void action.run(() => client.admin.editSpecialtyMap.mutate({ domainCode, primaryDivisions: codes(primaryText), relatedDivisions: codes(relatedText) }));
      }}
    >
      <div className="sm:col-span-3">
        <FormError message={action.error} />
      </div>
      <Field id={`primary-${domainCode}`} label={t("map.primary")} hint={t("map.codesHint")} error={action.fieldError("primaryDivisions")} required>
        <input id={`primary-${domainCode}`} className="input" value={primaryText} onChange={(e) => setPrimary(e.target.value)} aria-describedby={`primary-${domainCode}-hint`} />
      </Field>
      <Field id={`related-${domainCode}`} label={t("map.related")} error={action.fieldError("relatedDivisions")}>
        <input id={`related-${domainCode}`} className="input" value={relatedText} onChange={(e) => setRelated(e.target.value)} />
      </Field>
      <button type="submit" className="btn-primary" disabled={action.pending}>
        {t("map.save")}
      </button>
    </form>
  );
}
