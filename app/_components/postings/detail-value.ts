import type { formatters, Translate } from "@/server/i18n/messages";
import { optionLabel, type DetailField } from "./fields";

/** One detail of a posting as its public page shows it, or null when not given; years are never grouped. */
export function detailValue(field: DetailField, value: unknown, t: Translate, f: ReturnType<typeof formatters>): string | null {
  if (value === undefined || value === null || value === "") return null;
  if (field.type === "bool") return value ? t("common.yes") : t("common.no");
  if (field.type === "multi") return Array.isArray(value) && value.length ? value.map((v) => t(optionLabel(field.name, String(v)))).join(t("common.listSeparator")) : null;
  const text = typeof value === "string" || typeof value === "number" ? String(value) : JSON.stringify(value);
  if (field.type === "select") return t(optionLabel(field.name, text));
  if (field.type === "money") return f.money(Number(value));
  if (field.type === "year") return f.year(Number(value));
  if (field.type === "int" || field.type === "hours") return f.number(Number(value));
  return text;
}
