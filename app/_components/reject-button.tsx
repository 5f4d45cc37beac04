"use client";

import { TRPCClientError } from "@trpc/client";
import { useState } from "react";
import { useT } from "./i18n";

/** "Reject" (or another refusal, by `label`) that opens a reason field; the server's message for a bad reason shows beside it. */
export function RejectButton(props: { id: string; name: string; reject: (reason: string) => Promise<unknown>; label?: string }) {
  const t = useT();
  const label = props.label ?? t("admin.reject");
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const fieldId = `reason-${props.id}`;
  if (!open) {
    return (
      <button type="button" className="btn-secondary" onClick={() => setOpen(true)} aria-label={`${label} ${props.name}`}>
        {label}
      </button>
    );
  }
  return (
    <form
      className="flex w-full flex-wrap items-end gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        setPending(true);
        setError(null);
        props
          .reject(reason)
          .then(() => {
            setOpen(false);
            setReason("");
          })
          .catch((err: unknown) => {
            const data = err instanceof TRPCClientError ? (err.data as { fieldErrors?: Record<string, string[]> } | undefined) : undefined;
            const reasonError = Object.entries(data?.fieldErrors ?? {}).find(([field]) => field === "reason" || field.endsWith(".reason"))?.[1][0];
            setError(reasonError ?? (err instanceof Error ? err.message : String(err)));
          })
          .finally(() => setPending(false));
      }}
    >
      <div className="min-w-56 flex-1 space-y-1">
        <label htmlFor={fieldId} className="block text-sm font-medium">
          {t("admin.reason")}
        </label>
        <input id={fieldId} className="input" value={reason} onChange={(e) => setReason(e.target.value)} aria-invalid={!!error || undefined} aria-describedby={error ? `${fieldId}-error` : undefined} />
        {error && (
          <p id={`${fieldId}-error`} role="alert" className="text-sm text-red-700">
            {error}
          </p>
        )}
      </div>
      <button type="submit" className="btn-danger" disabled={pending}>
        {props.label ?? t("admin.submitReject")}
      </button>
      <button type="button" className="btn-secondary" onClick={() => setOpen(false)}>
        {t("admin.cancel")}
      </button>
    </form>
  );
}
