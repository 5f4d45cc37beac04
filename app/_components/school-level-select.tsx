"use client";

import type { UseFormRegisterReturn } from "react-hook-form";
import { educationLevels } from "@/db/schema-enums";
import { describedBy, Field } from "./form";
import { useT } from "./i18n";

/** The school's level (中职 / 高职专科 / 职业本科), used by sign-up and the organisation editor. */
export function SchoolLevelSelect({ error, registration }: { error?: string; registration: UseFormRegisterReturn }) {
  const t = useT();
  return (
    <Field id="schoolLevel" label={t("org.schoolLevel")} error={error} required>
      <select className="input" {...describedBy("schoolLevel", { error })} {...registration}>
        {educationLevels.map((l) => (
          <option key={l} value={l}>
            {t(`level.${l}`)}
          </option>
        ))}
      </select>
    </Field>
  );
}
