import { TRPCError } from "@trpc/server";
import type { Db } from "../../db/create";
import { findMembership, MessageError, type SessionUser } from "../trpc";

/**
 * Who may import, checked on the server for every template, check and import: a roster only by the staff of a
 * verified school (an unverified school creates no accounts), postings only by an enterprise's staff (drafts need
 * no verification; submitting them for review does, as with the form).
 */
export async function assertImporter(db: Db, user: SessionUser | null, kind: "roster" | "postings", organisationId: string) {
  if (!user) throw new TRPCError({ code: "UNAUTHORIZED", message: "errors.UNAUTHORIZED" });
  const role = kind === "roster" ? "school" : "enterprise";
  const membership = user.role === role && /^[0-9a-f-]{36}$/i.test(organisationId) ? await findMembership(db, user.id, organisationId) : null;
  if (!membership || membership.kind !== role) throw new MessageError("FORBIDDEN", kind === "roster" ? "imports.error.notSchool" : "imports.error.notEnterprise");
  if (kind === "roster" && membership.verificationStatus !== "verified") throw new MessageError("FORBIDDEN", "errors.orgVerificationRequired");
}
