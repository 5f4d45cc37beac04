"use client";

import { useEffect, useRef } from "react";
import { useFormContext, useWatch } from "react-hook-form";
import type { PostingInput } from "@/server/schemas/postings";
import { useT } from "../i18n";

/**
 * The industry to fill in, or null to leave the field alone: the suggestion replaces an empty field or the value
 * filled in last time (`auto`), never one the user chose.
 */
export function followedIndustry(current: string | undefined, auto: string, suggestion: string | undefined): string | null {
  if (!suggestion || current === suggestion) return null;
  return !current || current === auto ? suggestion : null;
}

/**
 * A school's posting: when the first chosen specialty has an industry on the specialty→industry map, the
 * industry follows it — unless the user has picked an industry of their own, which is never overwritten.
 */
export function IndustryFromSpecialty({ map, initial }: { map: Record<string, { code: string; name: string }>; initial: string }) {
  const t = useT();
  const { control, setValue } = useFormContext<PostingInput>();
  const specialties = useWatch({ control, name: "specialtyCodes" });
  const industry = useWatch({ control, name: "industryCode" });
  // The value this component last filled in: while the field still holds it, the user has not chosen.
  const auto = useRef(initial);
  const suggestion = (specialties ?? []).map((c) => map[c]).find(Boolean);
  useEffect(() => {
    const next = followedIndustry(industry, auto.current, suggestion?.code);
    if (next !== null) {
      auto.current = next;
      setValue("industryCode", next, { shouldValidate: true, shouldDirty: true });
    }
  }, [suggestion, industry, setValue]);
  if (!suggestion || industry !== suggestion.code) return null;
  return (
    <p className="text-sm text-slate-700" data-testid="industry-from-specialty">
      {t("posting.industryFromSpecialty", { name: suggestion.name })}
    </p>
  );
}
