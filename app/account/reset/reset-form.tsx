"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { signIn } from "next-auth/react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { useTRPC } from "@/app/_trpc/client";
import { resetPasswordInput, type ResetPasswordInput } from "@/server/schemas/account-security";
import { applyServerError, describedBy, Field, FormError } from "../../_components/form";
import { useT } from "../../_components/i18n";

/** Account, reset code and new password; on success every session ends and this device signs in anew. */
export function ResetForm() {
  const t = useT();
  const router = useRouter();
  const trpc = useTRPC();
  const reset = useMutation(trpc.accounts.resetPassword.mutationOptions());
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const form = useForm<ResetPasswordInput, unknown, z.output<typeof resetPasswordInput>>({
    resolver: zodResolver(resetPasswordInput),
    defaultValues: { identifier: "", code: "", newPassword: "" },
  });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setError(null);
    try {
      await reset.mutateAsync(values);
    } catch (e) {
      setError(applyServerError(e, form.setError));
      return;
    }
    setDone(true);
    const signedIn = await signIn("credentials", { identifier: values.identifier, password: values.newPassword, redirect: false });
    if (signedIn && !signedIn.error) {
      router.push("/home");
      router.refresh();
    }
  });

  if (done) {
    return (
      <p role="status" className="text-sm text-slate-800">
        {t("account.resetDone")} <Link href="/sign-in">{t("nav.signIn")}</Link>
      </p>
    );
  }
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <FormError message={error} />
      <Field id="identifier" label={t("auth.identifier")} error={errors.identifier?.message} required>
        <input className="input" autoComplete="username" {...describedBy("identifier", { error: errors.identifier })} {...form.register("identifier")} />
      </Field>
      <Field id="code" label={t("account.resetCode")} error={errors.code?.message} required>
        <input className="input font-mono uppercase" autoComplete="one-time-code" placeholder="XXXX-XXXX-XXXX" {...describedBy("code", { error: errors.code })} {...form.register("code")} />
      </Field>
      <Field id="newPassword" label={t("account.newPassword")} hint={t("auth.passwordHint")} error={errors.newPassword?.message} required>
        <input className="input" type="password" autoComplete="new-password" {...describedBy("newPassword", { hint: true, error: errors.newPassword })} {...form.register("newPassword")} />
      </Field>
      <button type="submit" className="btn-primary w-full" disabled={isSubmitting}>
        {t("account.submitReset")}
      </button>
    </form>
  );
}
