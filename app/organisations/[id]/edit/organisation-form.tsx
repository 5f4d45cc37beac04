"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormProvider, useForm } from "react-hook-form";
import type { z } from "zod";
import { useTRPC } from "@/app/_trpc/client";
import { updateOrganisationInput, type UpdateOrganisationInput } from "@/server/schemas/organisations";
import { CodeListField } from "../../../_components/code-list-field";
import { applyServerError, describedBy, Field, FormError } from "../../../_components/form";
import { SchoolLevelSelect } from "../../../_components/school-level-select";
import { useT } from "../../../_components/i18n";
import { belowSection, leafRegion, majorOnly, PickerField } from "../../../_components/picker-field";

type Output = z.output<typeof updateOrganisationInput>;

export function OrganisationForm({ initial }: { initial: UpdateOrganisationInput }) {
  const t = useT();
  const router = useRouter();
  const trpc = useTRPC();
  const update = useMutation(trpc.organisations.update.mutationOptions());
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const form = useForm<UpdateOrganisationInput, unknown, Output>({
    resolver: zodResolver(updateOrganisationInput),
    defaultValues: initial,
  });
  // Field errors of either branch of the union, looked up by name.
  const errors = form.formState.errors as Partial<Record<string, { message?: string }>>;
  const err = (name: string) => errors[name]?.message;
  const isSchool = initial.kind === "school";

  const onSubmit = form.handleSubmit(async (values) => {
    setError(null);
    setSaved(false);
    try {
      await update.mutateAsync(values);
      setSaved(true);
      router.refresh();
    } catch (e) {
      setError(applyServerError(e, form.setError));
    }
  });

  const text = (name: "name" | "address" | "contactName" | "contactPhone" | "website", label: string, opts: { required?: boolean; type?: string; autoComplete?: string } = {}) => (
    <Field id={name} label={label} error={err(name)} required={opts.required}>
      <input className="input" type={opts.type ?? "text"} autoComplete={opts.autoComplete} {...describedBy(name, { error: err(name) })} {...form.register(name)} />
    </Field>
  );

  return (
    <FormProvider {...form}>
      <form onSubmit={onSubmit} noValidate className="card space-y-4">
        <FormError message={error} />
        {saved && (
          <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
            {t("org.saved")}
          </p>
        )}
        {text("name", isSchool ? t("org.schoolName") : t("org.enterpriseName"), { required: true, autoComplete: "organization" })}
        {isSchool ? (
          <SchoolLevelSelect error={err("schoolLevel")} registration={form.register("schoolLevel")} />
        ) : (
          <>
            <PickerField<UpdateOrganisationInput> name="industryCode" taxonomy="industry" label={t("org.industry")} canSelect={belowSection} required />
            <div className="grid gap-4 sm:grid-cols-2">
              <Field id="staffCount" label={t("org.staffCount")} error={err("staffCount")} required>
                <input className="input" type="number" inputMode="numeric" {...describedBy("staffCount", { error: err("staffCount") })} {...form.register("staffCount")} />
              </Field>
              <div className="flex items-end pb-2">
                <label className="flex items-center gap-2 text-sm">
                  <input type="checkbox" className="h-4 w-4" {...form.register("integrationCertified")} />
                  {t("org.integrationCertified")}
                </label>
              </div>
            </div>
          </>
        )}
        <PickerField<UpdateOrganisationInput> name="regionCode" taxonomy="region" label={t("org.region")} canSelect={leafRegion} required />
        {text("address", t("org.address"), { required: true, autoComplete: "street-address" })}
        <Field id="description" label={t("org.description")} error={err("description")}>
          <textarea className="input min-h-28" {...describedBy("description", { error: err("description") })} {...form.register("description")} />
        </Field>
        <div className="grid gap-4 sm:grid-cols-2">
          {text("contactName", t("org.contactName"))}
          {text("contactPhone", t("org.contactPhone"), { type: "tel", autoComplete: "tel" })}
        </div>
        {text("website", t("org.website"), { type: "url", autoComplete: "url" })}
        <Field id="verificationEvidence" label={t("org.evidence")} hint={t("org.evidenceHint")} error={err("verificationEvidence")}>
          <textarea className="input min-h-20" {...describedBy("verificationEvidence", { hint: true, error: err("verificationEvidence") })} {...form.register("verificationEvidence")} />
        </Field>
        {isSchool && (
          <CodeListField<UpdateOrganisationInput>
            name="specialtyCodes"
            taxonomy="specialty"
            label={t("org.specialties")}
            addLabel={t("picker.specialty")}
            canSelect={majorOnly}
          />
        )}
        <button type="submit" className="btn-primary" disabled={form.formState.isSubmitting}>
          {t("org.save")}
        </button>
      </form>
    </FormProvider>
  );
}
