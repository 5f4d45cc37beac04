import type { Runner } from "../../db/create";
import { auditLog } from "../../db/schema";

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
  // Allocation rounds (issue 21): every input, the seed and the result, so a round can be re-run from the log.
  | "allocation.create"
  | "allocation.posting"
  | "allocation.advance"
  | "allocation.studentRank"
  | "allocation.hostRank"
  | "allocation.compute"
  | "allocation.publish";

/**
 * Appends a sensitive action to the audit log, inside the action's own transaction, so the log holds
 * exactly the actions that happened.
 */
export async function audit(tx: Runner, entry: { actorId: string; action: AuditAction; targetType: string; targetId: string; summary: string; details?: Record<string, unknown> }) {
  await tx.insert(auditLog).values({ ...entry, details: entry.details ?? {} });
}
