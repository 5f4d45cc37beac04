"use client";

import { useState } from "react";
import { postingReportReasons, type PostingReportReason } from "@/db/schema-enums";
import { useTRPCClient } from "@/app/_trpc/client";
import { Field, FormError } from "../form";
import { useT } from "../i18n";
import { useAction } from "../use-action";

/** "举报": anyone, signed in or not, reports a published posting with a reason from the list. */
export function ReportPosting({ postingId }: { postingId: string }) {
  const t = useT();
  const client = useTRPCClient();
  const action = useAction();
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState(false);
  const [reason, setReason] = useState<PostingReportReason>("fees_charged");
  const [note, setNote] = useState("");
  if (done) {
    return (
      <p role="status" className="text-sm text-emerald-800">
        {t("postingReport.done")}
      </p>
    );
  }
  if (!open) {
    return (
      <button type="button" className="text-sm text-slate-600 underline" onClick={() => setOpen(true)}>
        {t("postingReport.posting")}
      </button>
    );
  }
  return (
    <form
      className="card space-y-3"
      aria-label={t("postingReport.postingTitle")}
      onSubmit={(e) => {
        e.preventDefault();
        void action.run(() => client.complaints.reportPosting.mutate({ postingId, reason, note }), () => setDone(true));
      }}
    >
      <h2 className="font-semibold">{t("postingReport.postingTitle")}</h2>
      <FormError message={action.error} />
      <Field id="report-reason" label={t("postingReport.reason")} error={action.fieldError("reason")} required>
        <select id="report-reason" className="input" value={reason} onChange={(e) => setReason(e.target.value as PostingReportReason)}>
          {postingReportReasons.map((r) => (
            <option key={r} value={r}>
              {t(`postingReport.reason.${r}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field id="report-note" label={t("postingReport.note")} error={action.fieldError("note")}>
        <textarea id="report-note" className="input min-h-20" maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} />
      </Field>
      <button type="submit" className="btn-primary" disabled={action.pending}>
        {t("postingReport.submit")}
      </button>
    </form>
  );
}
