import { z } from "zod";
import { password } from "./common";

/** Changing one's own password: the current one, and a new one under sign-up's strength rule. */
export const changePasswordInput = z
  .object({
    currentPassword: z.string().min(1, "errors.required").max(128),
    newPassword: password,
  })
  .refine((v) => v.currentPassword !== v.newPassword, { path: ["newPassword"], message: "errors.passwordUnchanged" });
export type ChangePasswordInput = z.input<typeof changePasswordInput>;

/** A one-time reset code as issued: XXXX-XXXX-XXXX from an alphabet without 0/O and 1/I; typed loosely. */
export const resetCode = z
  .string()
  .trim()
  .toUpperCase()
  .transform((c) => c.replace(/[\s-]/g, ""))
  .pipe(z.string().regex(/^[A-Z2-9]{12}$/, "errors.resetCodeFormat"));

/** Setting a new password with a reset code from one's school (or an administrator). */
export const resetPasswordInput = z.object({
  identifier: z.string().trim().min(1, "errors.required").max(254),
  code: resetCode,
  newPassword: password,
});
export type ResetPasswordInput = z.input<typeof resetPasswordInput>;

/** Whose password to reset: a user id (from a student's page) or the account's email or mobile number. */
export const issueResetCodeInput = z
  .object({
    userId: z.string().uuid().optional(),
    identifier: z.string().trim().max(254).optional(),
  })
  .refine((v) => v.userId || v.identifier, { path: ["identifier"], message: "errors.required" });
export type IssueResetCodeInput = z.input<typeof issueResetCodeInput>;
