import type { postings } from "../../db/schema";
import type { PostingValues } from "../schemas/postings";

/**
 * Review holds for published postings (issue 13, M7). What was approved is what the public sees: a
 * change to anything a student decides on or the rules check (title, description, specialties, place,
 * industry, pay, dates, seats, hazards and every other detail of the kind) waits for an administrator.
 * Only the contact person and phone apply at once: they are how the host is reached, not what it offers.
 * Listing the few direct fields (rather than the held ones) keeps any detail added later under review.
 */
export const directPostingFields: readonly string[] = ["contactName", "contactPhone"];

export interface FieldChange {
  /** "title", "specialtyCodes" or "details.monthlyPay": the name of its form field is the last part. */
  field: string;
  before: unknown;
  after: unknown;
}

type PostingRow = typeof postings.$inferSelect;

/** The stored posting as the form values that produced it, to compare an edit with what was approved. */
export function valuesOf(row: Pick<PostingRow, "kind" | "title" | "description" | "regionCode" | "address" | "industryCode" | "quantity" | "startDate" | "endDate" | "applyBy" | "contactName" | "contactPhone" | "details" | "postId">, specialtyCodes: string[]): PostingValues {
  return {
    ...(row.postId ? { postId: row.postId } : {}),
    kind: row.kind,
    title: row.title,
    description: row.description,
    regionCode: row.regionCode,
    address: row.address,
    industryCode: row.industryCode,
    specialtyCodes,
    quantity: row.quantity,
    startDate: row.startDate,
    endDate: row.endDate,
    applyBy: row.applyBy,
    contactName: row.contactName,
    contactPhone: row.contactPhone,
    details: row.details,
  } as PostingValues;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const specialtySet = (codes: string[]) => [...new Set(codes)].sort();

/** Field by field, what differs between two versions of a posting (the reviewer's diff). */
export function postingChanges(before: PostingValues, after: PostingValues): FieldChange[] {
  const changes: FieldChange[] = [];
  // Every top-level field of either version, so that a field added to the form later is compared too.
  const top = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((f) => f !== "details");
  for (const field of top) {
    const a = field === "specialtyCodes" ? specialtySet(before.specialtyCodes) : (before as Record<string, unknown>)[field];
    const b = field === "specialtyCodes" ? specialtySet(after.specialtyCodes) : (after as Record<string, unknown>)[field];
    if (!same(a, b)) changes.push({ field, before: a, after: b });
  }
  const beforeDetails = before.details as Record<string, unknown>;
  const afterDetails = after.details as Record<string, unknown>;
  for (const key of [...new Set([...Object.keys(beforeDetails), ...Object.keys(afterDetails)])]) {
    if (!same(beforeDetails[key], afterDetails[key])) changes.push({ field: `details.${key}`, before: beforeDetails[key], after: afterDetails[key] });
  }
  return changes;
}

/** Whether a change to a published posting must wait for review (anything but the direct fields). */
export function isMaterialChange(before: PostingValues, after: PostingValues) {
  return postingChanges(before, after).some((c) => !directPostingFields.includes(c.field));
}
