"use client";

import { useMutation } from "@tanstack/react-query";
import { useFormContext } from "react-hook-form";
import { signUpSchoolInput, type SignUpSchoolInput } from "@/server/schemas/accounts";
import { useTRPC } from "@/app/_trpc/client";
import { describedBy, Field } from "../../_components/form";
import { SchoolLevelSelect } from "../../_components/school-level-select";
import { useT } from "../../_components/i18n";
import { leafRegion, PickerField } from "../../_components/picker-field";
import { accountDefaults, AccountFields, SignUpForm } from "../sign-up-form";

export function SchoolSignUpForm() {
  const trpc = useTRPC();
  const signUp = useMutation(trpc.accounts.signUpSchool.mutationOptions());
  return (
    <SignUpForm
      schema={signUpSchoolInput}
      defaultValues={{ ...accountDefaults, organisationName: "", schoolCode: "", schoolLevel: "higher_vocational", regionCode: "", address: "" }}
      submit={(values) => signUp.mutateAsync(values)}
    >
      <AccountFields />
      <SchoolFields />
    </SignUpForm>
  );
}

function SchoolFields() {
  const t = useT();
  const { register, formState } = useFormContext<SignUpSchoolInput>();
  const errors = formState.errors;
  return (
    <fieldset className="card space-y-4">
      <legend className="px-1 text-base font-semibold">{t("org.section")}</legend>
      <Field id="organisationName" label={t("org.schoolName")} error={errors.organisationName?.message} required>
        <input className="input" autoComplete="organization" {...describedBy("organisationName", { error: errors.organisationName })} {...register("organisationName")} />
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="schoolCode" label={t("org.schoolCode")} hint={t("org.schoolCodeHint")} error={errors.schoolCode?.message} required>
          <input className="input font-mono" inputMode="numeric" maxLength={10} {...describedBy("schoolCode", { hint: true, error: errors.schoolCode })} {...register("schoolCode")} />
        </Field>
        <SchoolLevelSelect error={errors.schoolLevel?.message} registration={register("schoolLevel")} />
      </div>
      <PickerField<SignUpSchoolInput> name="regionCode" taxonomy="region" label={t("org.region")} canSelect={leafRegion} required />
      <Field id="address" label={t("org.address")} error={errors.address?.message} required>
        <input className="input" autoComplete="street-address" {...describedBy("address", { error: errors.address })} {...register("address")} />
      </Field>
    </fieldset>
  );
}
