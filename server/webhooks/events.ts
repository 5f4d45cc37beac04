import { eq } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Runner } from "../../db/create";
import { applications, complaints, organisations, placements, postings, users, webhookEvents } from "../../db/schema";
import { maskName } from "../api/authority";
import type { WebhookEventType } from "../schemas/webhooks";

/**
 * Domain events for webhooks, written to the outbox (`webhook_events`) by the domain function in its own transaction:
 * a change that rolls back leaves no event, and a committed change always has one. The delivery job
 * (server/webhooks/deliver.ts) fans them out afterwards; nothing here waits on the network.
 *
 * What each event says, minimum necessary (个人信息保护法 art. 6): ids, dates and non-identifying fields. Organisations
 * never get a student's name or contact data in a webhook (their pages show applicants only to the members entitled,
 * and the API serves them with a token); authorities get the student as a per-region pseudonym and a masked name.
 * Who may receive it:
 * - application.received: the host;
 * - posting.approved: the posting's organisation;
 * - placement.started: the school and the host;
 * - complaint.filed: the school only — a host is never told of a complaint (server/complaints/manage.ts).
 * Authorities: events whose posting's region (the workplace) or school's region lies in theirs.
 */
export type WebhookEventRef =
  | { type: "application.received"; applicationId: string }
  | { type: "posting.approved"; postingId: string }
  | { type: "placement.started"; placementId: string }
  | { type: "complaint.filed"; complaintId: string };

interface EventRow {
  type: WebhookEventType;
  organisationIds: string[];
  regionCodes: string[];
  data: Record<string, unknown>;
  /** Fields for authorities only, beside `data`. */
  authorityOnly?: Record<string, unknown>;
  student?: { id: string; name: string };
}

const school = alias(organisations, "webhook_school");
const student = alias(users, "webhook_student");

async function describe(tx: Runner, ref: WebhookEventRef): Promise<EventRow | null> {
  switch (ref.type) {
    case "application.received": {
      const [row] = await tx
        .select({ id: applications.id, postingId: applications.postingId, hostId: applications.hostId, schoolId: applications.schoolId, submittedAt: applications.createdAt, studentId: student.id, studentName: student.name, postingRegion: postings.regionCode, schoolRegion: school.regionCode })
        .from(applications)
        .innerJoin(postings, eq(postings.id, applications.postingId))
        .innerJoin(student, eq(student.id, applications.studentId))
        .leftJoin(school, eq(school.id, applications.schoolId))
        .where(eq(applications.id, ref.applicationId))
        .limit(1);
      if (!row) return null;
      return {
        type: ref.type,
        organisationIds: [row.hostId],
        regionCodes: regionsOf(row.postingRegion, row.schoolRegion),
        data: { applicationId: row.id, postingId: row.postingId, hostId: row.hostId, schoolId: row.schoolId, submittedAt: row.submittedAt.toISOString() },
        student: { id: row.studentId, name: row.studentName },
      };
    }
    case "posting.approved": {
      const [row] = await tx
        .select({ id: postings.id, organisationId: postings.organisationId, kind: postings.kind, title: postings.title, regionCode: postings.regionCode, publishedAt: postings.publishedAt })
        .from(postings)
        .where(eq(postings.id, ref.postingId))
        .limit(1);
      if (!row) return null;
      return {
        type: ref.type,
        organisationIds: [row.organisationId],
        regionCodes: [row.regionCode],
        data: { postingId: row.id, organisationId: row.organisationId, kind: row.kind, title: row.title, regionCode: row.regionCode, publishedAt: row.publishedAt?.toISOString() ?? null },
      };
    }
    case "placement.started": {
      const [row] = await tx
        .select({ id: placements.id, postingId: placements.postingId, schoolId: placements.schoolId, hostId: placements.hostId, startDate: placements.startDate, endDate: placements.endDate, startedAt: placements.startedAt, studentId: student.id, studentName: student.name, postingRegion: postings.regionCode, schoolRegion: school.regionCode })
        .from(placements)
        .innerJoin(postings, eq(postings.id, placements.postingId))
        .innerJoin(student, eq(student.id, placements.studentId))
        .innerJoin(school, eq(school.id, placements.schoolId))
        .where(eq(placements.id, ref.placementId))
        .limit(1);
      if (!row) return null;
      return {
        type: ref.type,
        organisationIds: [row.schoolId, row.hostId],
        regionCodes: regionsOf(row.postingRegion, row.schoolRegion),
        data: { placementId: row.id, postingId: row.postingId, schoolId: row.schoolId, hostId: row.hostId, startDate: row.startDate, endDate: row.endDate, startedAt: row.startedAt?.toISOString() ?? null },
        student: { id: row.studentId, name: row.studentName },
      };
    }
    case "complaint.filed": {
      const [row] = await tx
        .select({ id: complaints.id, placementId: complaints.placementId, schoolId: complaints.schoolId, hostId: complaints.hostId, category: complaints.category, replyDueOn: complaints.replyDueOn, filedAt: complaints.createdAt, studentId: student.id, studentName: student.name, postingRegion: postings.regionCode, schoolRegion: school.regionCode })
        .from(complaints)
        .innerJoin(placements, eq(placements.id, complaints.placementId))
        .innerJoin(postings, eq(postings.id, placements.postingId))
        .innerJoin(student, eq(student.id, complaints.studentId))
        .innerJoin(school, eq(school.id, complaints.schoolId))
        .where(eq(complaints.id, ref.complaintId))
        .limit(1);
      if (!row) return null;
      return {
        type: ref.type,
        organisationIds: [row.schoolId],
        regionCodes: regionsOf(row.postingRegion, row.schoolRegion),
        // No description: it is the student's own words about the host, for the school and the administrators.
        data: { complaintId: row.id, placementId: row.placementId, schoolId: row.schoolId, category: row.category, replyDueOn: row.replyDueOn, filedAt: row.filedAt.toISOString() },
        // Authorities supervise the host too; the host itself is never told.
        authorityOnly: { hostId: row.hostId },
        student: { id: row.studentId, name: row.studentName },
      };
    }
  }
}

function regionsOf(...codes: (string | null)[]): string[] {
  return [...new Set(codes.filter((c): c is string => !!c))];
}

/** Writes the event to the outbox; call it inside the domain function's transaction, after the change. */
export async function recordWebhookEvent(tx: Runner, ref: WebhookEventRef): Promise<void> {
  const event = await describe(tx, ref);
  if (!event) return;
  const authorityData: Record<string, unknown> = { ...event.data, ...event.authorityOnly };
  if (event.student) authorityData.studentName = maskName(event.student.name);
  await tx.insert(webhookEvents).values({ type: event.type, organisationIds: event.organisationIds, regionCodes: event.regionCodes, data: event.data, authorityData, studentId: event.student?.id ?? null });
}
