import { z } from "zod";
import { complaintCategories, complaintStatuses, postingReportReasons } from "../../db/schema-enums";
import { id, isoDate } from "./common";

/** Zod schemas of issue 14's intern protection: declared posts, pay records, complaints, posting reports. Client-safe. */

const wholeNumber = (min: number, max: number, message: string) => z.coerce.number({ message }).int(message).min(min, message).max(max, message);

export const postValues = {
  name: z.string().trim().min(2, "errors.postName").max(60, "errors.postName"),
  staffCount: wholeNumber(1, 10_000_000, "errors.postStaffCount"),
};
export const createPostInput = z.object({ organisationId: id, ...postValues });
export const updatePostInput = z.object({ organisationId: id, postId: id, ...postValues });
export const postIdInput = z.object({ organisationId: id, postId: id });

/** A calendar month, YYYY-MM. */
export const isoMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "errors.month");
export const recordPayInput = z.object({
  placementId: id,
  month: isoMonth,
  amount: wholeNumber(0, 1_000_000, "errors.money"),
  paidOn: isoDate,
});
export const respondPayInput = z
  .object({
    payRecordId: id,
    response: z.enum(["confirmed", "disputed"]),
    note: z.string().trim().max(500, "errors.text").default(""),
  })
  .superRefine((v, ctx) => {
    if (v.response === "disputed" && v.note.length < 2) ctx.addIssue({ code: "custom", path: ["note"], message: "errors.disputeNote" });
  });

export const fileComplaintInput = z.object({
  placementId: id,
  category: z.enum(complaintCategories),
  reporter: z.enum(["student", "guardian"]).default("student"),
  description: z.string().trim().min(10, "errors.complaintDescription").max(5000, "errors.complaintDescription"),
});
export const complaintIdInput = z.object({ complaintId: id });
export const replyComplaintInput = z.object({
  complaintId: id,
  body: z.string().trim().min(2, "errors.complaintReply").max(5000, "errors.complaintReply"),
  status: z.enum(complaintStatuses).exclude(["submitted"]).optional(),
});
export const schoolComplaintsInput = z.object({ organisationId: id, status: z.enum(complaintStatuses).optional() });
export const adminComplaintsInput = z.object({ status: z.enum(complaintStatuses).optional() });

export const reportPostingInput = z.object({
  postingId: id,
  reason: z.enum(postingReportReasons),
  note: z.string().trim().max(500, "errors.text").default(""),
});
