import { z } from "zod";
import { id } from "./common";

/** Inputs of the decisions on held changes (review holds, issue 13 M7). */
const reason = z.string().trim().min(2, "errors.rejectReason").max(200, "errors.rejectReason");

export const revisionQueueInput = z.object({
  cursor: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(50).default(20),
});
export const revisionDecisionInput = z.object({ revisionId: id });
export const rejectRevisionInput = z.object({ revisionId: id, reason });
export const changeDecisionInput = z.object({ changeId: id });
export const rejectChangeInput = z.object({ changeId: id, reason });
