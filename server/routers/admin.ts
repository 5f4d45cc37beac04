import { z } from "zod";
import { editMapEntry, mapEntries, mapHistory, searchAuditLog } from "../admin/specialty-map";
import { adminProcedure, router } from "../trpc";

const auditActions = ["organisation.verify", "organisation.reject", "posting.approve", "posting.reject", "posting.revision.approve", "posting.revision.reject", "organisation.change.approve", "organisation.change.reject", "specialtyMap.edit", "report.export", "account.resetCode", "allocation.create", "allocation.posting", "allocation.advance", "allocation.studentRank", "allocation.hostRank", "allocation.compute", "allocation.publish", "apiToken.create", "apiToken.revoke", "api.call", "webhook.create", "webhook.delete"] as const;
const divisions = z.array(z.string().regex(/^\d{2}$/, "errors.industry")).max(20);

export const adminRouter = router({
  specialtyMap: adminProcedure.input(z.object({ query: z.string().trim().max(40).optional() })).query(({ ctx, input }) => mapEntries(ctx.db, input.query)),
  editSpecialtyMap: adminProcedure
    .input(z.object({ domainCode: z.string().regex(/^\d{4}$/), primaryDivisions: divisions.min(1, "errors.industry"), relatedDivisions: divisions.default([]) }))
    .mutation(({ ctx, input }) => editMapEntry(ctx.db, ctx.user.id, input)),
  specialtyMapHistory: adminProcedure.input(z.object({ domainCode: z.string().regex(/^\d{4}$/) })).query(({ ctx, input }) => mapHistory(ctx.db, input.domainCode)),
  auditLog: adminProcedure
    .input(z.object({ action: z.enum(auditActions).optional(), query: z.string().trim().max(80).optional(), cursor: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(200).default(50) }))
    .query(({ ctx, input }) => searchAuditLog(ctx.db, input)),
});
export { auditActions };
