"use client";

import { useQuery } from "@tanstack/react-query";
import { Controller, useFormContext, type FieldValues, type Path } from "react-hook-form";
import { useTRPC } from "@/app/_trpc/client";
import type { EducationLevel } from "@/db/schema-enums";
import { Field } from "./form";
import { useT } from "./i18n";
import { TreePicker, type Taxonomy } from "./tree-picker";

/** A form field holding a list of taxonomy codes: chips to remove, a picker to add. */
export function CodeListField<T extends FieldValues>(props: {
  name: Path<T>;
  taxonomy: Taxonomy;
  label: string;
  addLabel: string;
  hint?: string;
  max?: number;
  canSelect?: (node: { level: string; hasChildren: boolean }) => boolean;
  educationLevel?: EducationLevel;
}) {
  const t = useT();
  const trpc = useTRPC();
  const { control, formState, watch } = useFormContext<T>();
  const codes = (watch(props.name) as string[] | undefined) ?? [];
  const paths = useQuery({ ...trpc.reference.paths.queryOptions({ taxonomy: props.taxonomy, codes }), enabled: codes.length > 0 });
  const error = formState.errors[props.name]?.message as string | undefined;
  const id = String(props.name);
  return (
    <Field id={id} label={props.label} hint={props.hint} error={error}>
      <Controller
        control={control}
        name={props.name}
        render={({ field }) => {
          const value = (field.value as string[] | undefined) ?? [];
          return (
            <div className="space-y-2">
              {value.length > 0 && (
                <ul className="flex flex-wrap gap-2" aria-label={props.label}>
                  {value.map((code) => (
                    <li key={code} className="badge gap-1 bg-brand-50 py-1 pl-3 pr-1 text-sm text-brand-800">
                      {paths.data?.[code]?.map((p) => p.name).join(" / ") ?? code}
                      <button
                        type="button"
                        className="rounded-full px-1.5 text-slate-700 hover:bg-brand-100"
                        aria-label={`${t("student.remove")} ${paths.data?.[code]?.at(-1)?.name ?? code}`}
                        onClick={() => field.onChange(value.filter((c) => c !== code))}
                      >
                        ×
                      </button>
                    </li>
                  ))}
                </ul>
              )}
              {(!props.max || value.length < props.max) && (
                <TreePicker
                  id={id}
                  mode="add"
                  taxonomy={props.taxonomy}
                  value={null}
                  placeholder={`＋ ${props.addLabel}`}
                  canSelect={props.canSelect}
                  educationLevel={props.educationLevel}
                  invalid={!!error}
                  onChange={(code) => code && !value.includes(code) && field.onChange([...value, code])}
                />
              )}
            </div>
          );
        }}
      />
    </Field>
  );
}
