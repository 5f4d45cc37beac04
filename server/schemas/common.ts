import { z } from "zod";
import { usccProblem } from "../accounts/uscc";

/**
 * Field schemas shared by the forms and the procedures. Messages are i18n keys (server/i18n/messages.ts),
 * translated for the reader by the tRPC error formatter on the server and by the forms in the browser.
 */

/**
 * zod's own messages ("Invalid option: expected one of …") are English and name internals; a schema without a
 * message of its own gets one of ours instead, as an i18n key like every other. Set here because every schema
 * module imports this one, on the server and in the browser alike.
 */
z.config({
  customError: (issue) => (issue.code === "invalid_value" || issue.code === "invalid_union" ? "errors.invalidOption" : "errors.invalidValue"),
});

/** An optional text field: forms send "" for empty inputs, which means "not given". */
export function optional<T extends z.ZodType>(schema: T) {
  return z.union([z.literal("").transform(() => undefined), schema.optional()]);
}

export const personName = z.string().trim().min(1, "errors.name").max(40, "errors.name");
export const organisationName = z.string().trim().min(2, "errors.orgName").max(80, "errors.orgName");
export const email = z.string().trim().toLowerCase().pipe(z.email("errors.email").max(254, "errors.email"));
export const mobile = z.string().trim().regex(/^1[3-9]\d{9}$/, "errors.mobile");

const commonPasswords = new Set(["password1", "12345678a", "a12345678", "qwerty123", "abc12345", "abcd1234", "1qaz2wsx", "password123", "admin123", "woaini1314"]);

export const password = z
  .string()
  .min(8, "errors.passwordShort")
  .max(128, "errors.passwordLong")
  .refine((p) => /[A-Za-z]/.test(p) && /\d/.test(p), "errors.passwordWeak")
  .refine((p) => !commonPasswords.has(p.toLowerCase()), "errors.passwordCommon");

export const uscc = z
  .string()
  .trim()
  .toUpperCase()
  .superRefine((code, ctx) => {
    const problem = usccProblem(code);
    if (problem === "length") ctx.addIssue({ code: "custom", message: "errors.usccLength" });
    else if (problem === "characters") ctx.addIssue({ code: "custom", message: "errors.usccCharacters" });
    else if (problem === "checksum") ctx.addIssue({ code: "custom", message: "errors.usccChecksum" });
  });

export const schoolCode = z.string().trim().regex(/^\d{10}$/, "errors.schoolCode");

/** GB/T 2260 code; whether it exists and is a county is checked against the database by the procedure. */
export const regionCode = z.string().regex(/^\d{6}$/, "errors.region");
/** GB/T 4754-2017 sections (门类) by their first division (大类): A is 01–05, B 06–12, …, T 97. */
const sectionStarts: [string, number][] = [
  ["A", 1], ["B", 6], ["C", 13], ["D", 44], ["E", 47], ["F", 51], ["G", 53], ["H", 61], ["I", 63], ["J", 66],
  ["K", 70], ["L", 71], ["M", 73], ["N", 76], ["O", 80], ["P", 83], ["Q", 84], ["R", 86], ["S", 91], ["T", 97],
];

/** The section letter of a 2–4 digit GB/T 4754 code ("6513" → "I"), or null outside 01–97. */
export function sectionOfIndustry(code: string): string | null {
  const division = Number(code.slice(0, 2));
  if (!(division >= 1 && division <= 97)) return null;
  return sectionStarts.filter(([, start]) => start <= division).at(-1)![0];
}

/**
 * GB/T 4754 code at any level: a section letter or 2–4 digits, accepted as people write them — any case, with
 * spaces, or with the section letter in front ("I64", "i 6513"), which is checked and dropped. A wrong code says
 * what is wrong (format, or the letter of another section); an empty one asks to choose.
 */
export const industryCode = z
  .string()
  .transform((v) => v.replace(/\s+/g, "").toUpperCase())
  .superRefine((code, ctx) => {
    if (code === "") return void ctx.addIssue({ code: "custom", message: "errors.industry" });
    const prefixed = /^([A-T])(\d{2,4})$/.exec(code);
    if (prefixed) {
      const expected = sectionOfIndustry(prefixed[2]!);
      if (expected !== prefixed[1]) ctx.addIssue({ code: "custom", message: "errors.industrySection" });
      return;
    }
    if (!/^([A-T]|\d{2,4})$/.test(code)) ctx.addIssue({ code: "custom", message: "errors.industryFormat" });
  })
  .transform((code) => code.replace(/^[A-T](?=\d)/, ""));
/** 专业目录 code at any level: 2, 4 or 6 digits, K for state-controlled specialties. */
export const specialtyCode = z.string().regex(/^\d{2}(\d{2}(\d{2}K?)?)?$/, "errors.specialty");

export const longText = z.string().trim().max(2000, "errors.text");
export const phone = z.string().trim().regex(/^[0-9+\-() ]{5,20}$/, "errors.phone");
export const website = z.string().trim().max(200, "errors.text").regex(/^https?:\/\/\S+$/, "errors.website");

export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "errors.birthDate").refine((s) => {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
}, "errors.birthDate");

export const id = z.string().uuid();
