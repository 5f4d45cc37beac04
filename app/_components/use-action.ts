"use client";

import { TRPCClientError } from "@trpc/client";
import { useRouter } from "next/navigation";
import { useState } from "react";

/**
 * Runs a server action (a tRPC mutation) from a button or a small form: tracks pending, keeps the server's
 * translated message and field errors, and refreshes the page's server data on success.
 */
export function useAction() {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});

  async function run(action: () => Promise<unknown>, onDone?: () => void) {
    setPending(true);
    setError(null);
    setFieldErrors({});
    try {
      await action();
      onDone?.();
      router.refresh();
      return true;
    } catch (e) {
      const data = e instanceof TRPCClientError ? (e.data as { fieldErrors?: Record<string, string[]> } | undefined) : undefined;
      setFieldErrors(data?.fieldErrors ?? {});
      setError(e instanceof Error ? e.message : String(e));
      return false;
    } finally {
      setPending(false);
    }
  }

  /** The first server message for a field, for <Field error=…>. */
  const fieldError = (name: string) => fieldErrors[name]?.[0];
  return { pending, error, run, fieldError };
}
