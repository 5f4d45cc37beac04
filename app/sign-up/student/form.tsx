"use client";

import { useMutation } from "@tanstack/react-query";
import { useFormContext } from "react-hook-form";
import { signUpStudentInput, yearInChina, type SignUpStudentInput } from "@/server/schemas/accounts";
import { useTRPC } from "@/app/_trpc/client";
import { describedBy, Field } from "../../_components/form";
import { useT } from "../../_components/i18n";
import { majorOnly, PickerField } from "../../_components/picker-field";
import { accountDefaults, AccountFields, SignUpForm } from "../sign-up-form";

export function StudentSignUpForm() {
  const trpc = useTRPC();
  const signUp = useMutation(trpc.accounts.signUpStudent.mutationOptions());
  return (
    <SignUpForm
      schema={signUpStudentInput}
      defaultValues={{ ...accountDefaults, invitationCode: "", specialtyCode: "", enrolmentYear: yearInChina(), birthDate: "" }}
      submit={(values) => signUp.mutateAsync(values)}
    >
      <AccountFields />
      <StudentFields />
    </SignUpForm>
  );
}

/** The enrolment fields, shared with the profile editor. */
export function EnrolmentFields({ withInvitation = true }: { withInvitation?: boolean }) {
  const t = useT();
  const { register, formState } = useFormContext<SignUpStudentInput>();
  const errors = formState.errors;
  return (
    <>
      {withInvitation && (
        <Field id="invitationCode" label={t("student.invitationCode")} hint={t("student.invitationCodeHint")} error={errors.invitationCode?.message} required>
          <input className="input font-mono uppercase" autoCapitalize="characters" spellCheck={false} placeholder="ABCD-2345" {...describedBy("invitationCode", { hint: true, error: errors.invitationCode })} {...register("invitationCode")} />
        </Field>
      )}
      <PickerField<SignUpStudentInput> name="specialtyCode" taxonomy="specialty" label={t("student.specialty")} canSelect={majorOnly} required />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="enrolmentYear" label={t("student.enrolmentYear")} error={errors.enrolmentYear?.message} required>
          <input className="input" type="number" inputMode="numeric" {...describedBy("enrolmentYear", { error: errors.enrolmentYear })} {...register("enrolmentYear")} />
        </Field>
        <Field id="birthDate" label={t("student.birthDate")} error={errors.birthDate?.message} required>
          <input className="input" type="date" {...describedBy("birthDate", { error: errors.birthDate })} {...register("birthDate")} />
        </Field>
      </div>
    </>
  );
}

function StudentFields() {
  const t = useT();
  return (
    <fieldset className="card space-y-4">
      <legend className="px-1 text-base font-semibold">{t("student.section")}</legend>
      <EnrolmentFields />
    </fieldset>
  );
}
