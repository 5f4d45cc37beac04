import type { Runner } from "../../db/create";
import { auditLog } from "../../db/schema";
import { storableIn } from "../security/unstorable-text";

export type AuditAction =
  | "organisation.verify"
  | "organisation.reject"
  | "posting.approve"
  | "posting.reject"
  | "posting.revision.approve"
  | "posting.revision.reject"
  | "organisation.change.approve"
  | "organisation.change.reject"
  | "specialtyMap.edit"
  | "report.export"
  | "account.resetCode"
  // Imports and list exports (issue 19, items 4–5): who imported a roster or exported a list of students.
  | "roster.import"
  | "list.export"
  // Allocation rounds (issue 21): every input, the seed and the result, so a round can be re-run from the log.
  | "allocation.create"
  | "allocation.posting"
  | "allocation.advance"
  | "allocation.studentRank"
  | "allocation.hostRank"
  | "allocation.compute"
  | "allocation.publish"
  // The REST API (issue 19): tokens made and revoked, and every call made with a token.
  | "apiToken.create"
  | "apiToken.revoke"
  | "api.call"
  // Webhook endpoints (issue 19, item 3): registered and removed.
  | "webhook.create"
  | "webhook.delete";

/**
 * Appends a sensitive action to the audit log, inside the action's own transaction, so the log holds
 * exactly the actions that happened. Details are kept as near as storable: a request's query can hold U+0000,
 * which jsonb refuses (server/security/unstorable-text.ts), and an action must never fail, or go unlogged, for it.
 */
export async function audit(tx: Runner, entry: { actorId: string | null; action: AuditAction; targetType: string; targetId: string; summary: string; details?: Record<string, unknown> }) {
  await tx.insert(auditLog).values({ ...entry, details: storableIn(entry.details ?? {}) });
}
