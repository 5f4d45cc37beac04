"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/app/_trpc/client";
import { describedBy, Field, FormError } from "../../_components/form";
import { useFormatters, useT } from "../../_components/i18n";
import { useAction } from "../../_components/use-action";

/** Issues the code and shows it this once (it is stored only as a digest). */
export function IssueCodeForm({ userId }: { userId?: string }) {
  const t = useT();
  const f = useFormatters();
  const trpc = useTRPC();
  const issue = useMutation(trpc.accounts.issueResetCode.mutationOptions());
  const action = useAction();
  const [identifier, setIdentifier] = useState("");
  const [issued, setIssued] = useState<{ code: string; expiresAt: Date; name: string } | null>(null);

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setIssued(null);
    void action.run(async () => setIssued(await issue.mutateAsync(userId ? { userId } : { identifier })));
  };

  return (
    <form onSubmit={submit} noValidate className="card space-y-4">
      <FormError message={action.error} />
      {!userId && (
        <Field id="identifier" label={t("auth.identifier")} error={action.fieldError("identifier")} required>
          <input className="input" value={identifier} onChange={(e) => setIdentifier(e.target.value)} {...describedBy("identifier", { error: action.fieldError("identifier") })} />
        </Field>
      )}
      <button type="submit" className="btn-primary w-full" disabled={action.pending}>
        {t("account.issueSubmit")}
      </button>
      {issued && (
        <div role="status" className="space-y-1 rounded-md border border-slate-200 bg-slate-50 px-3 py-2">
          <p className="text-sm text-slate-700">{t("account.issueFor", { name: issued.name })}</p>
          <p className="text-sm font-medium">{t("account.issued")}</p>
          <p className="font-mono text-2xl tracking-wider" data-testid="reset-code">
            {issued.code}
          </p>
          <p className="text-sm text-slate-600">{t("account.issuedUntil", { time: f.dateTime(new Date(issued.expiresAt)) })}</p>
        </div>
      )}
    </form>
  );
}
