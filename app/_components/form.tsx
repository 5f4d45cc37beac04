"use client";

import { TRPCClientError } from "@trpc/client";
import type { ReactNode } from "react";
import type { FieldValues, Path, UseFormSetError } from "react-hook-form";
import { useT } from "./i18n";

/** Label, hint and error around one input; ids tie them together for screen readers. */
export function Field(props: { id: string; label: string; hint?: string; error?: string; required?: boolean; children: ReactNode }) {
  const t = useT();
  return (
    <div className="space-y-1">
      <label htmlFor={props.id} id={`${props.id}-label`} className="block text-sm font-medium text-slate-800">
        {props.label}
        {props.required && (
          <span className="ml-0.5 text-red-700" aria-hidden="true">
            *
          </span>
        )}
        {props.required && <span className="sr-only">（{t("common.required")}）</span>}
      </label>
      {props.children}
      {props.hint && (
        <p id={`${props.id}-hint`} className="text-xs text-slate-600">
          {props.hint}
        </p>
      )}
      {props.error && (
        <p id={`${props.id}-error`} role="alert" className="text-sm text-red-700">
          {t(props.error as never)}
        </p>
      )}
    </div>
  );
}

/** aria attributes for an input inside <Field>. */
export function describedBy(id: string, opts: { hint?: boolean; error?: unknown }) {
  const ids = [opts.hint ? `${id}-hint` : "", opts.error ? `${id}-error` : ""].filter(Boolean).join(" ");
  return { id, "aria-describedby": ids || undefined, "aria-invalid": opts.error ? true : undefined };
}

export function FormError({ message }: { message?: string | null }) {
  if (!message) return null;
  return (
    <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
      {message}
    </div>
  );
}

/**
 * Puts a tRPC error's field errors (already translated by the server) beside the fields, and returns
 * the general message for the form's banner.
 */
export function applyServerError<T extends FieldValues>(error: unknown, setError: UseFormSetError<T>, options: { stripPrefix?: string } = {}): string {
  if (error instanceof TRPCClientError) {
    const data = error.data as { fieldErrors?: Record<string, string[]> } | undefined;
    for (const [path, messages] of Object.entries(data?.fieldErrors ?? {})) {
      const field = options.stripPrefix && path.startsWith(options.stripPrefix) ? path.slice(options.stripPrefix.length) : path;
      if (messages[0]) setError(field as Path<T>, { type: "server", message: messages[0] });
    }
    return error.message;
  }
  return error instanceof Error ? error.message : String(error);
}
