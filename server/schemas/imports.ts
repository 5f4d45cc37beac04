import { z } from "zod";
import { birthDate, checkEnrolmentAfterBirth, enrolmentYear } from "./accounts";
import { email, mobile, optional, personName } from "./common";

/** One row of a school's roster as imported (server/imports/roster.ts), after dates are normalised. */
export const rosterRow = z
  .object({
    studentNumber: z.string().trim().regex(/^[A-Za-z0-9-]{1,32}$/, "imports.row.studentNumber"),
    name: personName,
    birthDate,
    enrolmentYear,
    className: z.string().trim().max(40, "errors.text"),
    email: optional(email),
    mobile: optional(mobile),
  })
  .superRefine((value, ctx) => {
    if (!value.email && !value.mobile) ctx.addIssue({ code: "custom", path: ["email"], message: "imports.row.identifier" });
  })
  .superRefine(checkEnrolmentAfterBirth);
export type RosterRow = z.output<typeof rosterRow>;

/** What an import upload asks for: a dry run (check) or the import itself (commit). */
export const importMode = z.enum(["check", "commit"]);
export type ImportMode = z.infer<typeof importMode>;
