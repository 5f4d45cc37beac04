import type { PostingKind } from "@/db/schema-enums";
import type { Translate } from "@/server/i18n/messages";

/** A saved search's filters as "label: value" lines for its card (codes as stored; kinds by their names). */
export function filterLines(t: Translate, kind: "postings" | "candidates", params: Record<string, unknown>): string[] {
  const text = (value: unknown) => (Array.isArray(value) ? value.join("、") : String(value));
  if (kind === "candidates") {
    const labels: Record<string, string> = { specialtyCode: t("savedSearch.specialty"), regionCode: t("savedSearch.region"), enrolmentYear: t("savedSearch.enrolmentYear") };
    return Object.entries(params).flatMap(([key, value]) => (labels[key] && value !== undefined ? [`${labels[key]}：${text(value)}`] : []));
  }
  const labels: Record<string, string> = { query: t("search.param.q"), regionCode: t("search.param.region"), industryCode: t("search.param.industry"), specialtyCode: t("search.param.specialty"), payMin: t("search.param.payMin") };
  return Object.entries(params).flatMap(([key, value]) => {
    if (value === undefined) return [];
    if (key === "kinds" && Array.isArray(value)) return [`${t("search.param.kind")}：${value.map((k) => t(`kind.${k as PostingKind}`)).join("、")}`];
    return labels[key] ? [`${labels[key]}：${text(value)}`] : [];
  });
}
