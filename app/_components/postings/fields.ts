import type { PostingKind } from "@/db/schema-enums";
import { insurancePayers, labourIntensityLevels, payFrequencies } from "@/server/compliance/rules";
import { highRiskKinds, minorForbiddenWorkKinds } from "@/server/compliance/working-time";
import type { MessageKey } from "@/server/i18n/messages";
import { trainingBaseDirections } from "@/server/schemas/postings";

/** How the form shows one field of a kind's details; labels are `field.<name>`, options `option.<name>.<value>`. */
export type DetailField =
  | { name: string; type: "money" | "int" | "year" | "hours" | "text" | "textarea" | "bool" | "date"; required?: boolean }
  | { name: string; type: "select" | "multi"; options: readonly string[] };

/** Fields the form marks required (*); text, dates, ticks and multiple choices may stay empty. */
export const isRequiredField = (f: DetailField) => ("required" in f && f.required) || f.type === "money" || f.type === "int" || f.type === "year" || f.type === "hours" || f.type === "textarea" || f.type === "select";

const fees: DetailField = { name: "feesToStudents", type: "money" };
const trainingBase: DetailField[] = [
  { name: "direction", type: "select", options: trainingBaseDirections },
  { name: "equipment", type: "textarea" },
  { name: "openPeriods", type: "text", required: true },
];

/** The details fields of each kind, in the order the form shows them. */
export const detailFields: Record<PostingKind, DetailField[]> = {
  placement_internship: [
    { name: "monthlyPay", type: "money" },
    { name: "sameWage", type: "money" },
    { name: "payFrequency", type: "select", options: payFrequencies },
    { name: "dailyHours", type: "hours" },
    { name: "weeklyDays", type: "int" },
    { name: "labourIntensity", type: "select", options: labourIntensityLevels },
    { name: "nightShifts", type: "bool" },
    { name: "overtime", type: "bool" },
    { name: "holidayWork", type: "bool" },
    { name: "riskKinds", type: "multi", options: highRiskKinds },
    { name: "exceptionFiled", type: "bool" },
    { name: "exceptionReference", type: "text" },
    { name: "exceptionFiledOn", type: "date" },
    { name: "hazards", type: "textarea" },
    { name: "minorForbiddenWork", type: "multi", options: minorForbiddenWorkKinds },
    { name: "liabilityInsurance", type: "bool" },
    { name: "insurancePaidBy", type: "select", options: insurancePayers },
    fees,
    { name: "withholdsIdDocuments", type: "bool" },
  ],
  observation_visit: [{ name: "agenda", type: "textarea" }, { name: "safetyArrangements", type: "textarea" }, fees],
  apprenticeship: [
    { name: "monthlyPay", type: "money" },
    { name: "apprenticesPerMaster", type: "int" },
    { name: "certificate", type: "text", required: true },
    { name: "termMonths", type: "int" },
    fees,
  ],
  order_class: [
    { name: "intakeYear", type: "year" },
    { name: "trainingPlan", type: "textarea" },
    { name: "hiringCommitment", type: "int" },
    { name: "costSharing", type: "textarea" },
    fees,
  ],
  enterprise_training_base: trainingBase,
  technical_need: [{ name: "budget", type: "money" }, { name: "deliverables", type: "textarea" }],
  mentor_offer: [{ name: "expertise", type: "textarea" }, { name: "hoursPerWeek", type: "int" }],
  programme_cohort: [{ name: "graduationYear", type: "year" }, { name: "skills", type: "textarea" }],
  school_training_base: trainingBase,
  training_service: [{ name: "serviceType", type: "text", required: true }, { name: "price", type: "money" }],
};

/** Sensible starting values, compliant where a rule applies, so a new form is one the rules accept. */
export function defaultDetails(kind: PostingKind, year: number): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const f of detailFields[kind]) {
    values[f.name] = f.type === "bool" ? false : f.type === "multi" ? [] : f.type === "select" ? f.options[0] : f.type === "money" ? 0 : "";
  }
  if (kind === "placement_internship") Object.assign(values, { dailyHours: 8, weeklyDays: 5, liabilityInsurance: true, monthlyPay: "", sameWage: "" });
  if (kind === "order_class") values.intakeYear = year;
  if (kind === "programme_cohort") values.graduationYear = year + 1;
  if (kind === "mentor_offer") values.hoursPerWeek = 4;
  if (kind === "apprenticeship") Object.assign(values, { apprenticesPerMaster: 2, termMonths: 12, monthlyPay: "" });
  return values;
}

export const labelOf = (name: string) => `field.${name}` as MessageKey;
export const optionLabel = (name: string, value: string) => `option.${name}.${value}` as MessageKey;
