"use client";

import Link from "next/link";
import { useState } from "react";
import { useTRPCClient } from "@/app/_trpc/client";
import { Field, FormError } from "../../_components/form";
import { useT } from "../../_components/i18n";
import { useAction } from "../../_components/use-action";

/** The student's application form, with the rules that would refuse them listed before anything is sent. */
export function ApplyPanel({ postingId, violations, seatsLeft }: { postingId: string; violations: string[]; seatsLeft: number }) {
  const t = useT();
  const client = useTRPCClient();
  const action = useAction();
  const [coverNote, setCoverNote] = useState("");
  const [sent, setSent] = useState(false);

  if (sent) {
    return (
      <section className="card space-y-2 border-green-300 bg-green-50" role="status">
        <p>{t("application.applied")}</p>
        <Link href="/my/applications" className="btn-secondary">
          {t("application.mine")}
        </Link>
      </section>
    );
  }
  if (violations.length > 0) {
    return (
      <section className="card space-y-2 border-amber-300 bg-amber-50" data-testid="apply-refusals">
        <h2 className="font-semibold">{t("application.cannotApply")}</h2>
        <ul className="list-disc space-y-1 pl-5">
          {violations.map((v) => (
            <li key={v}>{v}</li>
          ))}
        </ul>
      </section>
    );
  }
  return (
    <form
      className="card space-y-3"
      aria-labelledby="apply-heading"
      onSubmit={(e) => {
        e.preventDefault();
        void action.run(() => client.applications.submit.mutate({ postingId, coverNote }), () => setSent(true));
      }}
    >
      <h2 id="apply-heading" className="text-lg font-semibold">
        {t("application.apply")} <span className="text-sm font-normal text-slate-600">· {t("application.seatsLeft", { n: seatsLeft })}</span>
      </h2>
      <FormError message={action.error} />
      <Field id="coverNote" label={t("application.coverNote")} hint={t("application.coverNoteHint")} error={action.fieldError("coverNote")}>
        <textarea id="coverNote" className="input min-h-24" aria-describedby="coverNote-hint" maxLength={1000} value={coverNote} onChange={(e) => setCoverNote(e.target.value)} />
      </Field>
      <button type="submit" className="btn-primary" disabled={action.pending}>
        {t("application.submit")}
      </button>
    </form>
  );
}
