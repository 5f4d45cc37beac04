"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { signInInput, type SignInInput } from "@/server/schemas/accounts";
import { describedBy, Field, FormError } from "../_components/form";
import { useT } from "../_components/i18n";

export function SignInForm({ next }: { next: string }) {
  const t = useT();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const form = useForm<SignInInput>({ resolver: zodResolver(signInInput), defaultValues: { identifier: "", password: "" } });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setError(null);
    const result = await signIn("credentials", { ...values, redirect: false });
    if (!result || result.error) {
      // A throttled attempt says how long to wait (code "rate_limited_<seconds>", server/auth.ts).
      const seconds = /^rate_limited_(\d+)$/.exec(result?.code ?? "")?.[1];
      setError(seconds ? t("auth.throttled", { seconds }) : t("auth.badCredentials"));
      return;
    }
    router.push(next);
    router.refresh();
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <FormError message={error} />
      <Field id="identifier" label={t("auth.identifier")} error={errors.identifier?.message} required>
        <input className="input" autoComplete="username" {...describedBy("identifier", { error: errors.identifier })} {...form.register("identifier")} />
      </Field>
      <Field id="password" label={t("auth.password")} error={errors.password?.message} required>
        <input className="input" type="password" autoComplete="current-password" {...describedBy("password", { error: errors.password })} {...form.register("password")} />
      </Field>
      <button type="submit" className="btn-primary w-full" disabled={isSubmitting}>
        {t("auth.submitSignIn")}
      </button>
    </form>
  );
}
