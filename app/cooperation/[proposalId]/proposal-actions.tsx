"use client";

import { useState } from "react";
import { useTRPCClient } from "@/app/_trpc/client";
import { ConfirmButton } from "../../_components/confirm-dialog";
import { Field, FormError } from "../../_components/form";
import { useT } from "../../_components/i18n";
import { useAction } from "../../_components/use-action";

/** Reply in the thread; the receiver agrees (with the project's term and headcounts) or declines; the sender withdraws. */
export function ProposalActions({ organisationId, proposalId, open, receiver }: { organisationId: string; proposalId: string; open: boolean; receiver: boolean }) {
  const t = useT();
  const client = useTRPCClient();
  const action = useAction();
  const [body, setBody] = useState("");
  const [accepting, setAccepting] = useState(false);
  const [term, setTerm] = useState({ startDate: "", endDate: "", studentCount: "0", mentorCount: "0", documents: "" });
  if (!open) return null;
  return (
    <div className="space-y-3">
      <FormError message={action.error} />
      <form
        className="card space-y-2"
        onSubmit={(e) => {
          e.preventDefault();
          void action.run(() => client.cooperation.message.mutate({ organisationId, proposalId, body }), () => setBody(""));
        }}
      >
        <Field id="body" label={t("coop.message")} error={action.fieldError("body")}>
          <textarea id="body" className="input min-h-20" value={body} onChange={(e) => setBody(e.target.value)} />
        </Field>
        <button type="submit" className="btn-primary" disabled={action.pending}>
          {t("coop.send")}
        </button>
      </form>
      <div className="flex flex-wrap gap-2">
        {receiver ? (
          <>
            <button type="button" className="btn-primary" onClick={() => setAccepting(!accepting)} aria-expanded={accepting}>
              {t("coop.accept")}
            </button>
            <ConfirmButton className="btn-secondary" disabled={action.pending} confirm={t("confirm.declineProposal")} confirmLabel={t("coop.decline")} danger onConfirm={() => void action.run(() => client.cooperation.decline.mutate({ organisationId, proposalId }))}>
              {t("coop.decline")}
            </ConfirmButton>
          </>
        ) : (
          <ConfirmButton className="btn-secondary" disabled={action.pending} confirm={t("confirm.withdrawProposal")} confirmLabel={t("coop.withdraw")} danger onConfirm={() => void action.run(() => client.cooperation.withdraw.mutate({ organisationId, proposalId }))}>
            {t("coop.withdraw")}
          </ConfirmButton>
        )}
      </div>
      {accepting && (
        <form
          className="card grid gap-3 sm:grid-cols-2"
          onSubmit={(e) => {
            e.preventDefault();
            void action.run(() => client.cooperation.accept.mutate({ organisationId, proposalId, ...term }));
          }}
        >
          <Field id="startDate" label={t("coop.startDate")} error={action.fieldError("startDate")} required>
            <input id="startDate" type="date" className="input" value={term.startDate} onChange={(e) => setTerm({ ...term, startDate: e.target.value })} />
          </Field>
          <Field id="endDate" label={t("coop.endDate")} error={action.fieldError("endDate")} required>
            <input id="endDate" type="date" className="input" value={term.endDate} onChange={(e) => setTerm({ ...term, endDate: e.target.value })} />
          </Field>
          <Field id="studentCount" label={t("coop.studentCount")} error={action.fieldError("studentCount")}>
            <input id="studentCount" type="number" min={0} className="input" value={term.studentCount} onChange={(e) => setTerm({ ...term, studentCount: e.target.value })} />
          </Field>
          <Field id="mentorCount" label={t("coop.mentorCount")} error={action.fieldError("mentorCount")}>
            <input id="mentorCount" type="number" min={0} className="input" value={term.mentorCount} onChange={(e) => setTerm({ ...term, mentorCount: e.target.value })} />
          </Field>
          <div className="sm:col-span-2">
            <Field id="documents" label={t("coop.documents")}>
              <textarea id="documents" className="input min-h-16" value={term.documents} onChange={(e) => setTerm({ ...term, documents: e.target.value })} />
            </Field>
          </div>
          <button type="submit" className="btn-primary" disabled={action.pending}>
            {t("coop.accept")}
          </button>
        </form>
      )}
    </div>
  );
}
