"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, type ReactNode } from "react";
import { FormProvider, useForm, useFormContext, type DefaultValues, type FieldValues, type Resolver } from "react-hook-form";
import type { z } from "zod";
import { applyServerError, describedBy, Field, FormError } from "../_components/form";
import { useT } from "../_components/i18n";

interface AccountValues {
  name: string;
  email?: string;
  mobile?: string;
  password: string;
}

/**
 * The shell shared by the three sign-up forms: validates with the procedure's own zod schema, submits,
 * shows the server's field errors beside the fields, then signs the new user in and goes home.
 */
export function SignUpForm<S extends z.ZodType<FieldValues, FieldValues>>(props: {
  schema: S;
  defaultValues: DefaultValues<z.input<S>>;
  submit: (values: z.output<S>) => Promise<unknown>;
  children: ReactNode;
}) {
  const t = useT();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const form = useForm<z.input<S>, unknown, z.output<S>>({ resolver: zodResolver(props.schema as never) as unknown as Resolver<z.input<S>, unknown, z.output<S>>, defaultValues: props.defaultValues });

  const onSubmit = form.handleSubmit(async (values) => {
    setError(null);
    try {
      await props.submit(values);
    } catch (e) {
      setError(applyServerError(e, form.setError));
      return;
    }
    const account = values as unknown as AccountValues;
    await signIn("credentials", { identifier: account.email || account.mobile, password: account.password, redirect: false });
    router.push("/home");
    router.refresh();
  });

  return (
    <FormProvider {...form}>
      <form onSubmit={onSubmit} noValidate className="space-y-6">
        <FormError message={error} />
        {props.children}
        <button type="submit" className="btn-primary w-full sm:w-auto" disabled={form.formState.isSubmitting}>
          {t("auth.submitSignUp")}
        </button>
      </form>
    </FormProvider>
  );
}

/** Name, email, mobile and password: the account part of every sign-up. */
export function AccountFields() {
  const t = useT();
  const { register, formState } = useFormContext<AccountValues>();
  const errors = formState.errors;
  return (
    <fieldset className="card space-y-4">
      <legend className="px-1 text-base font-semibold">{t("auth.accountSection")}</legend>
      <Field id="name" label={t("auth.name")} error={errors.name?.message} required>
        <input className="input" autoComplete="name" {...describedBy("name", { error: errors.name })} {...register("name")} />
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="email" label={t("auth.email")} hint={t("auth.emailOrMobileHint")} error={errors.email?.message}>
          <input className="input" type="email" autoComplete="email" {...describedBy("email", { hint: true, error: errors.email })} {...register("email")} />
        </Field>
        <Field id="mobile" label={t("auth.mobile")} error={errors.mobile?.message}>
          <input className="input" type="tel" inputMode="numeric" autoComplete="tel" {...describedBy("mobile", { error: errors.mobile })} {...register("mobile")} />
        </Field>
      </div>
      <Field id="password" label={t("auth.password")} hint={t("auth.passwordHint")} error={errors.password?.message} required>
        <input className="input" type="password" autoComplete="new-password" {...describedBy("password", { hint: true, error: errors.password })} {...register("password")} />
      </Field>
    </fieldset>
  );
}

export const accountDefaults = { name: "", email: "", mobile: "", password: "" };
