"use client";

import { useMutation } from "@tanstack/react-query";
import { useFormContext } from "react-hook-form";
import { signUpEnterpriseInput, type SignUpEnterpriseInput } from "@/server/schemas/accounts";
import { useTRPC } from "@/app/_trpc/client";
import { describedBy, Field } from "../../_components/form";
import { useT } from "../../_components/i18n";
import { belowSection, leafRegion, PickerField } from "../../_components/picker-field";
import { accountDefaults, AccountFields, SignUpForm } from "../sign-up-form";

export function EnterpriseSignUpForm() {
  const trpc = useTRPC();
  const signUp = useMutation(trpc.accounts.signUpEnterprise.mutationOptions());
  return (
    <SignUpForm
      schema={signUpEnterpriseInput}
      defaultValues={{ ...accountDefaults, organisationName: "", uscc: "", industryCode: "", staffCount: "", integrationCertified: false, regionCode: "", address: "" }}
      submit={(values) => signUp.mutateAsync(values)}
    >
      <AccountFields />
      <EnterpriseFields />
    </SignUpForm>
  );
}

function EnterpriseFields() {
  const t = useT();
  const { register, formState } = useFormContext<SignUpEnterpriseInput>();
  const errors = formState.errors;
  return (
    <fieldset className="card space-y-4">
      <legend className="px-1 text-base font-semibold">{t("org.section")}</legend>
      <Field id="organisationName" label={t("org.enterpriseName")} error={errors.organisationName?.message} required>
        <input className="input" autoComplete="organization" {...describedBy("organisationName", { error: errors.organisationName })} {...register("organisationName")} />
      </Field>
      <Field id="uscc" label={t("org.uscc")} hint={t("org.usccHint")} error={errors.uscc?.message} required>
        <input className="input font-mono uppercase" maxLength={18} autoCapitalize="characters" spellCheck={false} {...describedBy("uscc", { hint: true, error: errors.uscc })} {...register("uscc")} />
      </Field>
      <PickerField<SignUpEnterpriseInput> name="industryCode" taxonomy="industry" label={t("org.industry")} canSelect={belowSection} required />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="staffCount" label={t("org.staffCount")} error={errors.staffCount?.message} required>
          <input className="input" type="number" inputMode="numeric" min={1} {...describedBy("staffCount", { error: errors.staffCount })} {...register("staffCount")} />
        </Field>
        <div className="flex items-end pb-2">
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" className="h-4 w-4" {...register("integrationCertified")} />
            {t("org.integrationCertified")}
          </label>
        </div>
      </div>
      <PickerField<SignUpEnterpriseInput> name="regionCode" taxonomy="region" label={t("org.region")} canSelect={leafRegion} required />
      <Field id="address" label={t("org.address")} error={errors.address?.message} required>
        <input className="input" autoComplete="street-address" {...describedBy("address", { error: errors.address })} {...register("address")} />
      </Field>
    </fieldset>
  );
}
