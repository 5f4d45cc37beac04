/**
 * Who may call which procedure: the declared outcome of every procedure for every kind of caller.
 * tests/integration/authorization.test.ts enumerates the procedures from the router itself and calls each
 * one as each caller against the same fixture, so a new procedure that is not declared here fails the test,
 * and so does any cell whose real outcome differs.
 *
 * Callers: anonymous; the fixture's student (applicant of the host, with placements at it) and a student of
 * another school; the owner of the student's school and of another school; the owner of the host
 * enterprise and of another enterprise; the owners of a self-registered enterprise and school not yet verified;
 * an administrator. Inputs always name the first school's, the host's or the student's data, so "another…"
 * and "unverified…" are always outsiders here (tests/integration/verification-gates.test.ts has the unverified
 * organisations act on their own data).
 */
export const callers = ["anonymous", "student", "otherStudent", "school", "otherSchool", "enterprise", "otherEnterprise", "unverifiedEnterprise", "unverifiedSchool", "admin"] as const;
export type Caller = (typeof callers)[number];
export type Outcome = "ok" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "BAD_REQUEST";
export type AccessRow = Record<Caller, Outcome>;

const row = (anonymous: Outcome, rest: Partial<Omit<AccessRow, "anonymous">>, otherwise: Outcome): AccessRow => ({
  anonymous,
  student: otherwise,
  otherStudent: otherwise,
  school: otherwise,
  otherSchool: otherwise,
  enterprise: otherwise,
  otherEnterprise: otherwise,
  unverifiedEnterprise: otherwise,
  unverifiedSchool: otherwise,
  admin: otherwise,
  ...rest,
});

/** Anyone, signed in or not. */
const everyone = row("ok", {}, "ok");
/** Any signed-in user, about their own account. */
const signedIn = row("UNAUTHORIZED", {}, "ok");
const adminOnly = row("UNAUTHORIZED", { admin: "ok" }, "FORBIDDEN");
/** Students, about themselves. */
const students = row("UNAUTHORIZED", { student: "ok", otherStudent: "ok" }, "FORBIDDEN");
/** Members of the school named by the input; everyone else, administrators included, is not a member. */
const schoolMembers = row("UNAUTHORIZED", { school: "ok" }, "FORBIDDEN");
const hostMembers = row("UNAUTHORIZED", { enterprise: "ok" }, "FORBIDDEN");
/** The student's own application: another student does not even learn it exists. */
const ownApplication = row("UNAUTHORIZED", { student: "ok", otherStudent: "NOT_FOUND" }, "FORBIDDEN");
/** A placement's parties read it; outsiders get NOT_FOUND (its existence is not revealed). */
const placementReaders = row("UNAUTHORIZED", { student: "ok", school: "ok", enterprise: "ok", admin: "ok" }, "NOT_FOUND");
/** A placement move by some of its parties; a party that may not do it (or an administrator) is FORBIDDEN. */
const placementMove = (parties: ("student" | "school" | "enterprise")[]): AccessRow => ({
  ...row("UNAUTHORIZED", {}, "NOT_FOUND"),
  student: parties.includes("student") ? "ok" : "FORBIDDEN",
  school: parties.includes("school") ? "ok" : "FORBIDDEN",
  enterprise: parties.includes("enterprise") ? "ok" : "FORBIDDEN",
  admin: "FORBIDDEN",
});
/**
 * A student's data (server/students/visibility.ts): the student, their school, administrators, and the host
 * with an open application or a placement from the student (the applicant view); a verified enterprise
 * without one sees a visible profile only, when the student made it visible (this student did not).
 */
const studentReaders = row("UNAUTHORIZED", { student: "ok", school: "ok", enterprise: "ok", admin: "ok" }, "NOT_FOUND");

export const accessMatrix: Record<string, AccessRow> = {
  "accounts.signUpEnterprise": everyone,
  "accounts.signUpSchool": everyone,
  "accounts.signUpStudent": everyone,
  "accounts.me": signedIn,
  "accounts.changePassword": signedIn,
  // The student's own school staff; an administrator only for staff members (the input names a student).
  "accounts.issueResetCode": row("UNAUTHORIZED", { school: "ok" }, "FORBIDDEN"),
  "accounts.resetPassword": everyone,

  // Allocation rounds (issue 21): the school's staff run them; students of the school in the cohort rank
  // (a student of another school does not learn the round exists); the host's members rank their students.
  "allocation.list": schoolMembers,
  "allocation.get": schoolMembers,
  "allocation.create": schoolMembers,
  "allocation.addPosting": schoolMembers,
  "allocation.removePosting": schoolMembers,
  "allocation.advance": schoolMembers,
  "allocation.compute": schoolMembers,
  "allocation.replay": schoolMembers,
  "allocation.publish": schoolMembers,
  "allocation.secondRound": schoolMembers,
  "allocation.mine": students,
  "allocation.studentView": ownApplication,
  "allocation.rank": ownApplication,
  "allocation.forHost": hostMembers,
  "allocation.hostView": hostMembers,
  "allocation.hostRank": hostMembers,
  "applications.eligibility": students,
  "applications.submit": students,
  "applications.mine": students,
  "applications.withdraw": ownApplication,
  "applications.respond": ownApplication,
  "applications.applicants": hostMembers,
  "applications.move": hostMembers,
  "applications.forSchool": schoolMembers,
  "applications.withoutPlacement": schoolMembers,

  "notifications.list": signedIn,
  "notifications.unreadCount": signedIn,
  "notifications.markRead": signedIn,

  "placements.get": placementReaders,
  "placements.agreement": placementReaders,
  "placements.listForOrganisation": schoolMembers,
  "placements.approve": placementMove(["school"]),
  // The tutor named is the school's owner: the host's members cannot name someone outside their organisation.
  "placements.assignTutor": { ...placementMove(["school", "enterprise"]), enterprise: "BAD_REQUEST" },
  "placements.recordInsurance": placementMove(["school", "enterprise"]),
  "placements.consent": placementMove(["student"]),
  "placements.confirmAgreement": placementMove(["student", "school", "enterprise"]),
  // The fixture's placements start in 2027: past authorisation, the date rule refuses an early start (BAD_REQUEST).
  "placements.start": { ...placementMove(["school", "enterprise"]), school: "BAD_REQUEST", enterprise: "BAD_REQUEST" },
  "placements.terminate": placementMove(["school", "enterprise"]),
  "placements.complete": placementMove(["school", "enterprise"]),
  // Likewise a week before the running placement's start is refused by the date rule, after authorisation.
  "placements.writeLog": { ...placementMove(["student"]), student: "BAD_REQUEST" },
  "placements.commentLog": placementMove(["school", "enterprise"]),
  "placements.evaluate": placementMove(["student", "school", "enterprise"]),
  "placements.markHired": placementMove(["enterprise"]),
  "placements.proposeAmendment": placementMove(["school", "enterprise"]),
  "placements.confirmAmendment": placementMove(["student", "school", "enterprise"]),

  "organisations.get": everyone,
  "organisations.update": schoolMembers,
  "organisations.members": schoolMembers,
  "organisations.summary": schoolMembers,
  "organisations.stats": everyone,
  "organisations.adminStats": adminOnly,
  "organisations.list": adminOnly,
  "organisations.verify": adminOnly,
  "organisations.reject": adminOnly,
  "organisations.change": schoolMembers,
  "organisations.changeQueue": adminOnly,
  "organisations.approveChange": adminOnly,
  "organisations.rejectChange": adminOnly,
  "organisations.invitations.list": schoolMembers,
  "organisations.invitations.create": schoolMembers,
  "organisations.invitations.revoke": schoolMembers,

  "posts.list": hostMembers,
  "posts.create": hostMembers,
  "posts.update": hostMembers,
  "posts.remove": hostMembers,

  // Complaints reach the student's school and administrators, never the host: the host's members are refused
  // a placement's list and do not even find a complaint (NOT_FOUND), so they cannot learn that one exists.
  "complaints.file": placementMove(["student"]),
  "complaints.forPlacement": { ...placementReaders, enterprise: "FORBIDDEN" },
  "complaints.get": row("UNAUTHORIZED", { student: "ok", school: "ok", admin: "ok" }, "NOT_FOUND"),
  "complaints.reply": row("UNAUTHORIZED", { student: "ok", school: "ok", admin: "ok" }, "NOT_FOUND"),
  "complaints.forSchool": schoolMembers,
  "complaints.all": adminOnly,
  "complaints.reportPosting": everyone,
  "complaints.suspendedPostings": adminOnly,
  "pay.overview": placementReaders,
  "pay.record": placementMove(["enterprise"]),
  "pay.respond": placementMove(["student"]),

  "postings.get": everyone,
  "postings.listOwn": hostMembers,
  "postings.formContext": hostMembers,
  "postings.create": hostMembers,
  "postings.update": hostMembers,
  "postings.submit": hostMembers,
  "postings.withdraw": hostMembers,
  "postings.close": hostMembers,
  "postings.reviewQueue": adminOnly,
  "postings.approve": adminOnly,
  "postings.reject": adminOnly,
  "postings.revision": hostMembers,
  "postings.revisionQueue": adminOnly,
  "postings.approveRevision": adminOnly,
  "postings.rejectRevision": adminOnly,

  "match.forStudent": students,
  "match.forPosting": hostMembers,
  "match.forOrganisation": hostMembers,
  // A posting's funnel: its organisation's members and administrators (issue 18, item 5).
  "funnel.forPosting": { ...hostMembers, admin: "ok" },
  "funnel.applicantCounts": hostMembers,
  "funnel.byRegion": adminOnly,

  "reference.children": everyone,
  "reference.search": everyone,
  "reference.paths": everyone,
  "search.postings": everyone,
  "search.page": everyone,

  // Saved searches (issue 18, item 4): everyone signed in keeps their own; another user's is NOT_FOUND (the input
  // names the student's). Candidate searches for members of the verified enterprise named; the outbox for administrators.
  "savedSearches.list": signedIn,
  "savedSearches.savePostings": signedIn,
  "savedSearches.saveCandidates": hostMembers,
  "savedSearches.rename": row("UNAUTHORIZED", { student: "ok" }, "NOT_FOUND"),
  "savedSearches.update": row("UNAUTHORIZED", { student: "ok" }, "NOT_FOUND"),
  "savedSearches.delete": row("UNAUTHORIZED", { student: "ok" }, "NOT_FOUND"),
  "savedSearches.outbox": adminOnly,

  "students.me": students,
  "students.update": students,
  "students.get": studentReaders,
  "students.accessLog": students,
  "students.listForSchool": schoolMembers,

  "reports.supplyDemand": signedIn,
  "reports.schoolOutcomes": { ...schoolMembers, admin: "ok" },
  "reports.enterpriseParticipation": { ...hostMembers, admin: "ok" },
  "reports.overview": adminOnly,

  // Cooperation acts for input.organisationId: the school for its own proposals, the host when it answers.
  "cooperation.ledger": schoolMembers,
  "cooperation.thread": schoolMembers,
  "cooperation.propose": schoolMembers,
  "cooperation.message": schoolMembers,
  "cooperation.accept": hostMembers,
  "cooperation.decline": hostMembers,
  "cooperation.withdraw": schoolMembers,
  "cooperation.completeProject": schoolMembers,

  "admin.specialtyMap": adminOnly,
  "admin.editSpecialtyMap": adminOnly,
  "admin.specialtyMapHistory": adminOnly,
  "admin.auditLog": adminOnly,
  // Open API tokens (issue 19): the host's owner for its organisation (an administrator is not a member), administrators for authorities.
  "apiTokens.list": hostMembers,
  "apiTokens.create": hostMembers,
  "apiTokens.revoke": hostMembers,
  "apiTokens.authorities": adminOnly,
  "apiTokens.issueAuthority": adminOnly,
  "apiTokens.revokeAuthority": adminOnly,
  // Webhooks (issue 19): the host's owner for its organisation's endpoints, administrators for authorities'.
  "webhooks.list": hostMembers,
  "webhooks.create": hostMembers,
  "webhooks.setActive": hostMembers,
  "webhooks.delete": hostMembers,
  "webhooks.deliveries": hostMembers,
  "webhooks.redeliver": hostMembers,
  "webhooks.authorities": adminOnly,
  "webhooks.createAuthority": adminOnly,
  "webhooks.setAuthorityActive": adminOnly,
  "webhooks.deleteAuthority": adminOnly,
  "webhooks.authorityDeliveries": adminOnly,
  "webhooks.redeliverAuthority": adminOnly,
};
