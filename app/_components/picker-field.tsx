"use client";

import { Controller, useFormContext, type FieldValues, type Path } from "react-hook-form";
import type { EducationLevel } from "@/db/schema-enums";
import { Field } from "./form";
import { TreePicker, type Taxonomy } from "./tree-picker";

/** A form field holding one taxonomy code, picked with the cascading picker. */
export function PickerField<T extends FieldValues>(props: {
  name: Path<T>;
  taxonomy: Taxonomy;
  label: string;
  hint?: string;
  required?: boolean;
  canSelect?: (node: { level: string; hasChildren: boolean }) => boolean;
  educationLevel?: EducationLevel;
}) {
  const { control, formState } = useFormContext<T>();
  const error = formState.errors[props.name]?.message as string | undefined;
  const id = String(props.name);
  return (
    <Field id={id} label={props.label} hint={props.hint} error={error} required={props.required}>
      <Controller
        control={control}
        name={props.name}
        render={({ field }) => (
          <TreePicker
            id={id}
            taxonomy={props.taxonomy}
            value={field.value}
            onChange={(code) => field.onChange(code ?? "")}
            canSelect={props.canSelect}
            educationLevel={props.educationLevel}
            invalid={!!error}
            describedBy={[props.hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined}
          />
        )}
      />
    </Field>
  );
}

/** Enterprise industries are recorded below the 门类 (section): 大类, 中类 or 小类. */
export const belowSection = (node: { level: string }) => node.level !== "section";
/** Regions of organisations: counties, or cities without counties. */
export const leafRegion = (node: { hasChildren: boolean; level: string }) => !node.hasChildren && node.level !== "province";
/** Specialties at the 专业 level only. */
export const majorOnly = (node: { level: string }) => node.level === "major";
