import type { Db } from "../../db/create";
import { membershipsOf } from "../../db/queries/organisations";
import type { SessionUser } from "../trpc";

/**
 * What public answers (postings.get, organisations.get) leave out (issue 13, "Hygiene"):
 *  - internal user ids (who created a posting, which administrator reviewed it or verified the organisation):
 *    nobody's page needs them, and an id is the key to every other per-user call;
 *  - an organisation's contact person and phone, shown only to signed-in students, administrators, the
 *    organisation's own members and members of verified organisations. Anonymous visitors and members of
 *    organisations still pending or rejected (anyone can register one) get empty fields and
 *    `contactVisible: false`, and the pages say "登录后查看联系方式".
 * Applies to every organisation's postings alike (a school's cohort names a teacher and a mobile too).
 */
export async function canSeeContacts(db: Db, viewer: SessionUser | null, organisationId: string): Promise<boolean> {
  if (!viewer) return false;
  if (viewer.role === "student" || viewer.role === "admin") return true;
  const memberships = await membershipsOf(db, viewer.id);
  return memberships.some((m) => m.organisationId === organisationId || m.verificationStatus === "verified");
}

interface Contact {
  contactName: string;
  contactPhone: string;
}

function contactOf<T extends Contact>(record: T, visible: boolean) {
  return { ...record, contactName: visible ? record.contactName : "", contactPhone: visible ? record.contactPhone : "", contactVisible: visible };
}

/** A posting as its public page receives it: no creator or reviewer id; the contact only when `contactVisible`. */
export function publicPostingView<T extends Contact & { createdBy: string | null; reviewedBy: string | null }>(posting: T, contactVisible: boolean) {
  const { createdBy: _createdBy, reviewedBy: _reviewedBy, ...rest } = posting;
  return contactOf(rest, contactVisible);
}

/** An organisation as its public page receives it: no reviewer id; the contact only when `contactVisible`. */
export function publicOrganisationView<T extends Contact & { reviewedBy: string | null }>(organisation: T, contactVisible: boolean) {
  const { reviewedBy: _reviewedBy, ...rest } = organisation;
  return contactOf(rest, contactVisible);
}
