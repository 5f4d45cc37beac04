"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { useTRPC } from "@/app/_trpc/client";
import { changePasswordInput, type ChangePasswordInput } from "@/server/schemas/account-security";
import { applyServerError, describedBy, Field, FormError } from "../_components/form";
import { useT } from "../_components/i18n";

/**
 * Current and new password. The change ends every session, this one too, so the form signs this device in
 * again with the new password.
 */
export function PasswordForm({ identifier }: { identifier: string }) {
  const t = useT();
  const router = useRouter();
  const trpc = useTRPC();
  const change = useMutation(trpc.accounts.changePassword.mutationOptions());
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const form = useForm<ChangePasswordInput>({ resolver: zodResolver(changePasswordInput), defaultValues: { currentPassword: "", newPassword: "" } });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setError(null);
    setDone(false);
    try {
      await change.mutateAsync(values);
    } catch (e) {
      setError(applyServerError(e, form.setError));
      return;
    }
    form.reset();
    const again = await signIn("credentials", { identifier, password: values.newPassword, redirect: false });
    if (!again || again.error) {
      router.push("/sign-in?callbackUrl=%2Faccount");
      return;
    }
    setDone(true);
    router.refresh();
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <FormError message={error} />
      {done && (
        <p role="status" className="rounded-md border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-800">
          {t("account.changed")}
        </p>
      )}
      <Field id="currentPassword" label={t("account.currentPassword")} error={errors.currentPassword?.message} required>
        <input className="input" type="password" autoComplete="current-password" {...describedBy("currentPassword", { error: errors.currentPassword })} {...form.register("currentPassword")} />
      </Field>
      <Field id="newPassword" label={t("account.newPassword")} hint={t("auth.passwordHint")} error={errors.newPassword?.message} required>
        <input className="input" type="password" autoComplete="new-password" {...describedBy("newPassword", { hint: true, error: errors.newPassword })} {...form.register("newPassword")} />
      </Field>
      <button type="submit" className="btn-primary w-full" disabled={isSubmitting}>
        {t("account.submitChange")}
      </button>
    </form>
  );
}
