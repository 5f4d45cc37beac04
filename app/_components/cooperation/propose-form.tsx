"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { cooperationKinds, type CooperationKind } from "@/db/schema-enums";
import { useTRPCClient } from "@/app/_trpc/client";
import { Field, FormError } from "../form";
import { useT } from "../i18n";
import { useAction } from "../use-action";

/** Proposes cooperation to another organisation (optionally about one of its postings); opens the new thread. */
export function ProposeForm({ fromOrganisationId, toOrganisationId, toName, postingId, defaultKind = "order_class", defaultTitle = "" }: { fromOrganisationId: string; toOrganisationId: string; toName: string; postingId?: string; defaultKind?: CooperationKind; defaultTitle?: string }) {
  const t = useT();
  const client = useTRPCClient();
  const router = useRouter();
  const action = useAction();
  const [open, setOpen] = useState(false);
  const [kind, setKind] = useState<CooperationKind>(defaultKind);
  const [title, setTitle] = useState(defaultTitle);
  const [message, setMessage] = useState("");
  if (!open) {
    return (
      <button type="button" className="btn-primary" onClick={() => setOpen(true)}>
        {t("coop.propose")}
      </button>
    );
  }
  return (
    <form
      className="card space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        void action.run(async () => {
          const { id } = await client.cooperation.propose.mutate({ organisationId: fromOrganisationId, toOrganisationId, postingId, kind, title, message });
          router.push(`/cooperation/${id}?organisationId=${fromOrganisationId}`);
        });
      }}
    >
      <h2 className="text-lg font-semibold">{t("coop.proposeTo", { name: toName })}</h2>
      <FormError message={action.error} />
      <Field id="coop-kind" label={t("coop.kind")} required>
        <select id="coop-kind" className="input" value={kind} onChange={(e) => setKind(e.target.value as CooperationKind)}>
          {cooperationKinds.map((k) => (
            <option key={k} value={k}>
              {t(`coop.kind.${k}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field id="coop-title" label={t("coop.title")} error={action.fieldError("title")} required>
        <input id="coop-title" className="input" value={title} onChange={(e) => setTitle(e.target.value)} />
      </Field>
      <Field id="coop-message" label={t("coop.message")} error={action.fieldError("message")} required>
        <textarea id="coop-message" className="input min-h-20" value={message} onChange={(e) => setMessage(e.target.value)} />
      </Field>
      <button type="submit" className="btn-primary" disabled={action.pending}>
        {t("coop.send")}
      </button>
    </form>
  );
}
