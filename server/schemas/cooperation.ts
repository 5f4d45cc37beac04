import { z } from "zod";
import { cooperationKinds } from "../../db/schema-enums";
import { id, isoDate } from "./common";

const title = z.string().trim().min(2, "errors.proposalTitle").max(80, "errors.proposalTitle");
const body = z.string().trim().min(1, "errors.messageBody").max(2000, "errors.messageBody");
const headcount = z.coerce.number({ message: "errors.count" }).int("errors.count").min(0, "errors.count").max(100_000, "errors.count");

export const proposeInput = z.object({ toOrganisationId: id, postingId: id.optional(), kind: z.enum(cooperationKinds), title, message: body });
export type ProposeInput = z.input<typeof proposeInput>;
export const proposalMessageInput = z.object({ proposalId: id, body });
export const proposalIdInput = z.object({ proposalId: id });
export const acceptProposalInput = z
  .object({ proposalId: id, startDate: isoDate, endDate: isoDate, studentCount: headcount.default(0), mentorCount: headcount.default(0), documents: z.string().trim().max(2000, "errors.text").default("") })
  .refine((v) => v.endDate >= v.startDate, { path: ["endDate"], message: "errors.projectDates" });
export type AcceptProposalInput = z.input<typeof acceptProposalInput>;
export const projectIdInput = z.object({ projectId: id });
