"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { FormProvider, get, useForm, useFormContext, useWatch } from "react-hook-form";
import { useTRPC } from "@/app/_trpc/client";
import { checkPosting, type HostFacts } from "@/server/compliance/posting";
import type { Violation } from "@/server/compliance/rules";
import { postingInput, type PostingInput, type PostingValues } from "@/server/schemas/postings";
import { CodeListField } from "../code-list-field";
import { PostSelect } from "../posts/post-select";
import { applyServerError, describedBy, Field, FormError } from "../form";
import { useLocale, useT } from "../i18n";
import { belowSection, leafRegion, majorOnly, PickerField } from "../picker-field";
import { detailFields, isRequiredField, labelOf, optionLabel, type DetailField } from "./fields";
import { IndustryFromSpecialty } from "./industry-default";

interface Props {
  organisationId: string;
  /** Set when editing an existing posting. */
  postingId?: string;
  initial: PostingInput;
  host: Omit<HostFacts, "otherInternSeats">;
  verified: boolean;
  status?: string;
  /** Schools: the industry of each specialty they run, to fill the industry in (issue 20). */
  industryBySpecialty?: Record<string, { code: string; name: string }>;
}

/**
 * The form for every kind of posting: the common fields, then the kind's own fields from `detailFields`.
 * It validates with the procedure's zod schema and shows the internship rules' verdict as the user types,
 * from the same compliance functions the server applies.
 */
export function PostingForm(props: Props) {
  const t = useT();
  const router = useRouter();
  const trpc = useTRPC();
  const create = useMutation(trpc.postings.create.mutationOptions());
  const update = useMutation(trpc.postings.update.mutationOptions());
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const form = useForm<PostingInput, unknown, PostingValues>({
    resolver: zodResolver(postingInput),
    defaultValues: props.initial,
  });
  const kind = props.initial.kind;
  const err = (name: string): string | undefined => {
    const found: unknown = get(form.formState.errors, name);
    return (found as { message?: string } | undefined)?.message;
  };

  const save = (submit: boolean) =>
    form.handleSubmit(async (posting) => {
      setError(null);
      setNotice(null);
      try {
        if (props.postingId) {
          const result = await update.mutateAsync({ organisationId: props.organisationId, postingId: props.postingId, posting, submit });
          setNotice(result.revisionPending ? t("posting.revisionPending") : result.status === "submitted" ? t("posting.submitted") : t("posting.saved"));
          router.refresh();
        } else {
          await create.mutateAsync({ organisationId: props.organisationId, posting, submit });
          router.push(`/organisations/${props.organisationId}/postings`);
          router.refresh();
        }
      } catch (e) {
        setError(applyServerError(e, form.setError, { stripPrefix: "posting." }));
      }
    });

  const text = (name: "title" | "description" | "address" | "quantity" | "startDate" | "endDate" | "applyBy" | "contactName" | "contactPhone", opts: { type?: string; required?: boolean; area?: boolean } = {}) => (
    <Field id={name} label={t(labelOf(name))} error={err(name)} required={opts.required}>
      {opts.area ? (
        <textarea className="input min-h-28" {...describedBy(name, { error: err(name) })} {...form.register(name)} />
      ) : (
        <input className="input" type={opts.type ?? "text"} inputMode={opts.type === "number" ? "numeric" : undefined} {...describedBy(name, { error: err(name) })} {...form.register(name)} />
      )}
    </Field>
  );

  return (
    <FormProvider {...form}>
      <form noValidate onSubmit={save(true)} className="space-y-6">
        <FormError message={error} />
        {notice && (
          <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
            {notice}
          </p>
        )}
        {!props.verified && <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">{t("posting.unverifiedNotice")}</p>}
        {props.status === "published" && <p className="text-sm text-slate-700">{t("posting.revisionHeldNote")}</p>}

        <fieldset className="card space-y-4">
          <legend className="px-1 text-base font-semibold">{t("posting.sectionBasics")}</legend>
          {text("title", { required: true })}
          {text("description", { required: true, area: true })}
          <CodeListField<PostingInput> name="specialtyCodes" taxonomy="specialty" label={t("field.specialtyCodes")} addLabel={t("field.addSpecialty")} canSelect={majorOnly} max={10} />
        </fieldset>

        <fieldset className="card space-y-4">
          <legend className="px-1 text-base font-semibold">{t("posting.sectionWhere")}</legend>
          <PickerField<PostingInput> name="regionCode" taxonomy="region" label={t("field.regionCode")} canSelect={leafRegion} required />
          {text("address", { required: true })}
          <PickerField<PostingInput> name="industryCode" taxonomy="industry" label={t("field.industryCode")} canSelect={belowSection} required />
          {props.industryBySpecialty && <IndustryFromSpecialty map={props.industryBySpecialty} initial={props.initial.industryCode} />}
        </fieldset>

        <fieldset className="card grid gap-4 sm:grid-cols-2">
          <legend className="px-1 text-base font-semibold">{t("posting.sectionWhen")}</legend>
          {text("quantity", { type: "number", required: true })}
          {text("applyBy", { type: "date", required: true })}
          {text("startDate", { type: "date", required: true })}
          {text("endDate", { type: "date", required: true })}
        </fieldset>

        <fieldset className="card grid gap-4 sm:grid-cols-2">
          <legend className="px-1 text-base font-semibold">{t("posting.sectionDetails")}</legend>
          {kind === "placement_internship" && <PostSelect organisationId={props.organisationId} />}
          {detailFields[kind].map((field) => (
            <DetailInput key={field.name} field={field} error={err(`details.${field.name}`)} />
          ))}
        </fieldset>

        <fieldset className="card grid gap-4 sm:grid-cols-2">
          <legend className="px-1 text-base font-semibold">{t("posting.sectionContact")}</legend>
          {text("contactName", { required: true })}
          {text("contactPhone", { type: "tel", required: true })}
        </fieldset>

        <RulesPanel host={props.host} />

        <div className="flex flex-wrap gap-3">
          <button type="submit" className="btn-primary" disabled={form.formState.isSubmitting || !props.verified}>
            {props.status === "published" || props.status === "submitted" ? t("posting.save") : t("posting.submit")}
          </button>
          {(!props.status || props.status === "draft" || props.status === "rejected") && (
            <button type="button" className="btn-secondary" disabled={form.formState.isSubmitting} onClick={() => void save(false)()}>
              {t("posting.saveDraft")}
            </button>
          )}
        </div>
      </form>
    </FormProvider>
  );
}

function DetailInput({ field, error }: { field: DetailField; error?: string }) {
  const t = useT();
  const { register } = useFormContext<PostingInput>();
  const name = `details.${field.name}` as const;
  const id = `details-${field.name}`;
  if (field.type === "bool") {
    return (
      <div className="flex items-center gap-2 sm:col-span-1">
        <input type="checkbox" className="h-4 w-4" {...describedBy(id, { error })} {...register(name as never)} />
        <label htmlFor={id} className="text-sm">
          {t(labelOf(field.name))}
        </label>
        {error && (
          <p id={`${id}-error`} role="alert" className="text-sm text-red-700">
            {t(error as never)}
          </p>
        )}
      </div>
    );
  }
  if (field.type === "multi") {
    // A group of ticks: the value is the list of the options ticked.
    return (
      <fieldset className="sm:col-span-2" {...describedBy(id, { error })}>
        <legend className="text-sm font-medium">{t(labelOf(field.name))}</legend>
        <div className="mt-1 grid gap-1 sm:grid-cols-2">
          {field.options.map((o) => (
            <label key={o} className="flex items-start gap-2 text-sm">
              <input type="checkbox" className="mt-0.5 h-4 w-4" value={o} {...register(name as never)} />
              <span>{t(optionLabel(field.name, o))}</span>
            </label>
          ))}
        </div>
        {error && (
          <p id={`${id}-error`} role="alert" className="text-sm text-red-700">
            {t(error as never)}
          </p>
        )}
      </fieldset>
    );
  }
  return (
    <div className={field.type === "textarea" ? "sm:col-span-2" : ""}>
      <Field id={id} label={t(labelOf(field.name))} error={error} required={isRequiredField(field)}>
        {field.type === "select" ? (
          <select className="input" {...describedBy(id, { error })} {...register(name as never)}>
            {field.options.map((o) => (
              <option key={o} value={o}>
                {t(optionLabel(field.name, o))}
              </option>
            ))}
          </select>
        ) : field.type === "textarea" ? (
          <textarea className="input min-h-24" {...describedBy(id, { error })} {...register(name as never)} />
        ) : (
          <input
            className="input"
            type={field.type === "text" ? "text" : field.type === "date" ? "date" : "number"}
            inputMode={field.type === "hours" ? "decimal" : field.type === "money" || field.type === "int" || field.type === "year" ? "numeric" : undefined}
            step={field.type === "hours" ? 0.5 : undefined}
            min={field.type === "text" || field.type === "date" ? undefined : field.type === "year" ? 2000 : 0}
            {...describedBy(id, { error })}
            {...register(name as never)}
          />
        )}
      </Field>
    </div>
  );
}

/** The internship rules' verdict on the form as it stands, from the same functions the server runs. */
function RulesPanel({ host }: { host: Omit<HostFacts, "otherInternSeats"> }) {
  const t = useT();
  const locale = useLocale();
  const values = useWatch<PostingInput>();
  const violations: Violation[] | null = useMemo(() => {
    const parsed = postingInput.safeParse(values);
    // Seats of the host's other placements are only known to the server; it checks the 10% cap in full.
    return parsed.success ? checkPosting(parsed.data, { ...host, otherInternSeats: 0 }) : null;
  }, [values, host]);
  if (!violations) return null;
  return (
    <section className="card space-y-2" aria-live="polite" aria-labelledby="rules-heading">
      <h2 id="rules-heading" className="text-base font-semibold">
        {t("posting.rulesTitle")}
      </h2>
      {violations.length === 0 ? (
        <p className="text-sm text-emerald-800">✓ {t("posting.rulesOk")}</p>
      ) : (
        <ul className="space-y-1" data-testid="rule-violations">
          {violations.map((v) => (
            <li key={v.rule + (v.field ?? "")} className={`text-sm ${v.severity === "error" ? "text-red-800" : "text-amber-900"}`}>
              {v.severity === "error" ? "✗" : "!"} {locale === "en" ? v.en : v.zh}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
