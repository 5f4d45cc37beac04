"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormProvider, useForm } from "react-hook-form";
import type { z } from "zod";
import { useTRPC } from "@/app/_trpc/client";
import { updateStudentProfileInput, type UpdateStudentProfileInput } from "@/server/schemas/students";
import { CodeListField } from "../../_components/code-list-field";
import { applyServerError, describedBy, Field, FormError } from "../../_components/form";
import { useT } from "../../_components/i18n";
import { EnrolmentFields } from "../../sign-up/student/form";

type Output = z.output<typeof updateStudentProfileInput>;

export function StudentProfileForm({ initial }: { initial: UpdateStudentProfileInput }) {
  const t = useT();
  const router = useRouter();
  const trpc = useTRPC();
  const update = useMutation(trpc.students.update.mutationOptions());
  const [error, setError] = useState<string | null>(null);
  const form = useForm<UpdateStudentProfileInput, unknown, Output>({
    resolver: zodResolver(updateStudentProfileInput),
    defaultValues: initial,
  });
  const errors = form.formState.errors;

  const onSubmit = form.handleSubmit(async (values) => {
    setError(null);
    try {
      await update.mutateAsync(values);
      router.push("/profile");
      router.refresh();
    } catch (e) {
      setError(applyServerError(e, form.setError));
    }
  });

  return (
    <FormProvider {...form}>
      <form onSubmit={onSubmit} noValidate className="card space-y-4">
        <FormError message={error} />
        <Field id="name" label={t("auth.name")} error={errors.name?.message} required>
          <input className="input" autoComplete="name" {...describedBy("name", { error: errors.name })} {...form.register("name")} />
        </Field>
        <EnrolmentFields withInvitation={false} />
        <CodeListField<UpdateStudentProfileInput>
          name="preferredRegions"
          taxonomy="region"
          label={t("student.preferredRegions")}
          addLabel={t("student.addRegion")}
          max={5}
          canSelect={() => true}
        />
        <Field id="bio" label={t("student.bio")} error={errors.bio?.message}>
          <textarea className="input min-h-32" {...describedBy("bio", { error: errors.bio })} {...form.register("bio")} />
        </Field>
        <Field id="skills" label={t("profile.skills")} error={errors.skills?.message}>
          <textarea className="input min-h-20" {...describedBy("skills", { error: errors.skills })} {...form.register("skills")} />
        </Field>
        <Field id="certificates" label={t("profile.certificates")} hint={t("profile.certificatesHint")} error={errors.certificates?.message}>
          <textarea className="input min-h-20" {...describedBy("certificates", { hint: true, error: errors.certificates })} {...form.register("certificates")} />
        </Field>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" className="h-4 w-4" {...form.register("visibleToEnterprises")} />
          {t("student.visible")}
        </label>
        <button type="submit" className="btn-primary" disabled={form.formState.isSubmitting}>
          {t("org.save")}
        </button>
      </form>
    </FormProvider>
  );
}
