import { eq } from "drizzle-orm";
import { organisationDetail } from "@/db/queries/organisations";
import { payRecords, invitations, users, postingRevisions, organisationChanges } from "@/db/schema";
import { issueResetCode } from "@/server/accounts/sessions";
import { applyToPosting, moveApplicant, respondToOffer } from "@/server/applications/manage";
import { acceptProposal, propose } from "@/server/cooperation/manage";
import { approvePlacement, assignTutor, completePlacement, confirmAgreement, evaluatePlacement, loadPlacement, placementState, recordConsent, recordInsurance, startPlacement, writeWeeklyLog } from "@/server/placements/manage";
import { proposeAmendment } from "@/server/placements/amendments";
import { approvePosting, createPosting, updatePosting } from "@/server/postings/manage";
import { updateOrganisation } from "@/server/organisations/manage";
import { fileComplaint } from "@/server/complaints/manage";
import { recordPay } from "@/server/pay/manage";
import { createPost } from "@/server/posts/manage";
import { todayInChina } from "@/server/schemas/accounts";
import { postingInput } from "@/server/schemas/postings";
import { createContext, type SessionUser } from "@/server/trpc";
import { createTestDb } from "./db";
import { createAdmin, createEnterprise, createInvitationFor, createSchool, createStudent, enterpriseInput, placementInput, schoolInput, studentInput, testPassword } from "./factories";
import { addDays, mondayOf, monthDay, monthEnd, monthStart, nextWeekday, today as testToday } from "./dates";
import { allocationInputs } from "../integration/allocation-world";
import { savedSearchInputs } from "../integration/saved-searches-world";
import { apiTokenInputs } from "../integration/api-tokens-world";
import { webhookInputs } from "../integration/webhooks-world";

/**
 * One of everything, in every state a procedure can act on: two schools, two enterprises, students of both
 * schools, postings in each state, an application with an offer, placements pending, ready to start and
 * running. Built once through the domain functions; tests copy it per case.
 */
export async function buildWorld() {
  const db = await createTestDb();
  const admin = await createAdmin(db);
  const school = await createSchool(db);
  const otherSchool = await createSchool(db);
  const enterprise = await createEnterprise(db, { staffCount: 300 });
  const otherEnterprise = await createEnterprise(db, { staffCount: 200 });
  const pendingEnterprise = await createEnterprise(db, {}, { verified: false });
  const pendingSchool = await createSchool(db, {}, { verified: false });
  const invitation = await createInvitationFor(db, school);
  const student = await createStudent(db, invitation.code, { birthDate: "2005-07-13", mobile: "13912345678" });
  const classmate = await createStudent(db, invitation.code);
  const otherStudent = await createStudent(db, (await createInvitationFor(db, otherSchool)).code);
  const user = async (id: string) => (await createContext({ db, userId: id })).user as SessionUser;
  const [studentUser, schoolUser, hostUser] = [await user(student.userId), await user(school.userId), await user(enterprise.userId)];

  const post = async (months: [string, string], options: { publish?: boolean; submit?: boolean } = { publish: true }) => {
    const input = postingInput.parse(placementInput({ quantity: 3, startDate: months[0], endDate: months[1], applyBy: monthDay(3, 15), postId: enterprise.postId }));
    const { id } = await createPosting(db, { organisationId: enterprise.organisationId, userId: enterprise.userId, posting: input, submit: !!(options.publish || options.submit) });
    if (options.publish) await approvePosting(db, id, admin.id);
    return { id, input };
  };
  // Dates follow the test's today (tests/helpers/dates.ts): apply by the 15th in three months, then two-month runs.
  const open = await post([monthStart(4), monthEnd(5)]);
  const pending = await post([monthStart(4), monthEnd(5)]);
  const ready = await post([monthStart(6), monthEnd(7)]);
  const active = await post([monthStart(8), monthEnd(9)]);
  const offer = await post([monthStart(10), monthEnd(11)]);
  const draft = await post([monthStart(4), monthEnd(5)], { publish: false });
  const submitted = await post([monthStart(4), monthEnd(5)], { submit: true });

  const offerTo = async (posting: { id: string; input: { startDate: string } }, studentId: string) => {
    const application = await applyToPosting(db, studentId, { postingId: posting.id, coverNote: "" });
    await moveApplicant(db, enterprise.organisationId, application.id, { action: "offer", offerStartDate: posting.input.startDate, offerNote: "" });
    return application.id;
  };
  const placementOn = async (posting: { id: string; input: { startDate: string } }) => {
    const { placementId } = await respondToOffer(db, student.userId, { applicationId: await offerTo(posting, student.userId), accept: true });
    return placementId!;
  };
  const prepare = async (placementId: string) => {
    await approvePlacement(db, schoolUser, { placementId, schoolTutorId: school.userId });
    await assignTutor(db, hostUser, { placementId, tutorId: enterprise.userId });
    await recordInsurance(db, hostUser, { placementId, insurer: "中国人寿", policyNumber: "PL-0001", paidBy: "host" });
    await recordConsent(db, studentUser, { placementId });
    const { detail } = await loadPlacement(db, hostUser, placementId);
    const { digest } = placementState(detail).agreement;
    for (const party of [studentUser, schoolUser, hostUser]) await confirmAgreement(db, party, { placementId, digest });
    return digest;
  };

  const pendingPlacement = await placementOn(pending);
  const readyPlacement = await placementOn(ready);
  const readyDigest = await prepare(readyPlacement);
  const activePlacement = await placementOn(active);
  await prepare(activePlacement);
  // The fixture's placements run months ahead: they are started, and logged, on days inside them.
  await startPlacement(db, hostUser, activePlacement, monthStart(8));
  const logWeek = nextWeekday(monthStart(8), 1);
  const log = await writeWeeklyLog(db, studentUser, { placementId: activePlacement, weekStart: logWeek, content: "本周学习了接口开发与单元测试。" }, addDays(logWeek, 5));
  await evaluatePlacement(db, schoolUser, { placementId: activePlacement, score: 5, comment: "好" });
  await evaluatePlacement(db, hostUser, { placementId: activePlacement, score: 4, comment: "好" });
  const done = await post([monthStart(12), monthEnd(13)]);
  const completedPlacement = await placementOn(done);
  await prepare(completedPlacement);
  await startPlacement(db, hostUser, completedPlacement, monthStart(12));
  await evaluatePlacement(db, schoolUser, { placementId: completedPlacement, score: 5, comment: "好" });
  await evaluatePlacement(db, hostUser, { placementId: completedPlacement, score: 5, comment: "好" });
  await completePlacement(db, hostUser, completedPlacement);
  // A placement running today (issue 14): the host records pay for last month, the student reports a problem.
  const today = todayInChina();
  const lastMonth = shiftMonth(today.slice(0, 7), -1);
  const nowPosting = postingInput.parse(placementInput({ quantity: 3, startDate: `${lastMonth}-01`, endDate: `${shiftMonth(lastMonth, 3)}-28`, applyBy: today, postId: enterprise.postId }));
  const nowPostingId = (await createPosting(db, { organisationId: enterprise.organisationId, userId: enterprise.userId, posting: nowPosting, submit: true })).id;
  await approvePosting(db, nowPostingId, admin.id);
  const runningPlacement = await placementOn({ id: nowPostingId, input: nowPosting });
  await prepare(runningPlacement);
  await startPlacement(db, hostUser, runningPlacement);
  await recordPay(db, hostUser, { placementId: runningPlacement, month: lastMonth, amount: 3000, paidOn: `${lastMonth}-28` });
  const payRecordId = (await db.select({ id: payRecords.id }).from(payRecords).where(eq(payRecords.placementId, runningPlacement)).limit(1))[0]!.id;
  const complaint = await fileComplaint(db, studentUser, { placementId: runningPlacement, category: "overtime", reporter: "student", description: "每天要求加班到晚上十点，没有加班费。" });
  // A change of end date proposed by the host (and so confirmed by it), awaiting the student and the school.
  const amendment = await proposeAmendment(db, hostUser, { placementId: pendingPlacement, newEndDate: monthDay(5, 15), reason: "项目提前结束" });
  const offeredApplication = await offerTo(offer, student.userId);
  const submittedApplication = (await applyToPosting(db, classmate.userId, { postingId: offer.id, coverNote: "" })).id;
  const proposal = await propose(db, school.userId, school.organisationId, { toOrganisationId: enterprise.organisationId, kind: "order_class", title: "2027 级软件订单班", message: "希望合作开设订单班" });
  const agreed = await propose(db, school.userId, school.organisationId, { toOrganisationId: enterprise.organisationId, kind: "training_base", title: "共建实训基地", message: "共建" });
  const { projectId } = await acceptProposal(db, enterprise.organisationId, { proposalId: agreed.id, startDate: "2026-09-01", endDate: "2029-08-31", studentCount: 40, mentorCount: 3, documents: "" });
  const invitationId = (await db.select({ id: invitations.id }).from(invitations).where(eq(invitations.code, invitation.code)).limit(1))[0]!.id;
  // A declared post no posting names yet (it may be deleted).
  const sparePostId = (await createPost(db, enterprise.userId, { organisationId: enterprise.organisationId, name: "测试工程师", staffCount: 40 })).id;
  // Another enterprise's own draft, naming its own post (cross-organisation tests: may it name the host's post?).
  const otherDraftId = (await createPosting(db, { organisationId: otherEnterprise.organisationId, userId: otherEnterprise.userId, posting: { ...draft.input, postId: otherEnterprise.postId }, submit: false })).id;
  // Review holds: a retitled published posting and a host's new staff count, both awaiting an administrator.
  await updatePosting(db, { organisationId: enterprise.organisationId, postingId: open.id, posting: { ...open.input, title: "Java 开发实习生（修订）" }, submit: false, userId: enterprise.userId });
  const revisionId = (await db.select({ id: postingRevisions.id }).from(postingRevisions).where(eq(postingRevisions.postingId, open.id)).limit(1))[0]!.id;
  const host = (await organisationDetail(db, enterprise.organisationId))!;
  await updateOrganisation(db, { organisationId: host.id, kind: "enterprise", name: host.name, regionCode: host.regionCode, address: host.address, description: host.description, contactName: host.contactName, contactPhone: host.contactPhone, website: host.website, verificationEvidence: host.verificationEvidence, industryCode: host.industryCode!, staffCount: 400, integrationCertified: host.integrationCertified }, enterprise.userId);
  const organisationChangeId = (await db.select({ id: organisationChanges.id }).from(organisationChanges).where(eq(organisationChanges.organisationId, host.id)).limit(1))[0]!.id;
  // A password reset code for the classmate, issued by their school (for accounts.resetPassword).
  const identifier = (await db.select({ email: users.email }).from(users).where(eq(users.id, classmate.userId)).limit(1))[0]!.email!;
  const resetCode = { identifier, code: (await issueResetCode(db, schoolUser, classmate.userId)).code };

  return {
    db,
    ids: {
      anonymous: null,
      student: student.userId,
      otherStudent: otherStudent.userId,
      school: school.userId,
      otherSchool: otherSchool.userId,
      enterprise: enterprise.userId,
      otherEnterprise: otherEnterprise.userId,
      unverifiedEnterprise: pendingEnterprise.userId,
      unverifiedSchool: pendingSchool.userId,
      admin: admin.id,
    },
    school,
    enterprise,
    pendingEnterprise,
    pendingSchool,
    student,
    // The other school's and enterprise's owners act on their own organisation in the cross-organisation tests.
    otherSchool,
    otherEnterprise,
    otherStudent,
    classmate,
    otherDraftId,
    postings: { open, draft, submitted },
    offeredApplication,
    submittedApplication,
    amendmentId: amendment.id,
    placements: { pending: pendingPlacement, ready: readyPlacement, readyDigest, active: activePlacement, completed: completedPlacement, running: runningPlacement },
    payRecordId,
    complaintId: complaint.id,
    logId: log.id,
    proposalId: proposal.id,
    projectId,
    invitationId,
    sparePostId,
    revisionId,
    organisationChangeId,
    resetCode,
  };
}
export type World = Awaited<ReturnType<typeof buildWorld>>;

/** YYYY-MM shifted by whole months. */
function shiftMonth(month: string, by: number) {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const index = y * 12 + (m - 1) + by;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/** A valid input for every procedure, naming the first school's, the host's or the student's data. */
export async function validInputs(w: World): Promise<Record<string, unknown>> {
  const detail = (await organisationDetail(w.db, w.school.organisationId))!;
  const updateSchool = { organisationId: detail.id, kind: "school", name: detail.name, regionCode: detail.regionCode, address: detail.address, schoolLevel: detail.schoolLevel!, specialtyCodes: [] };
  const school = w.school.organisationId;
  const host = w.enterprise.organisationId;
  const open = w.postings.open.id;
  return {
    "accounts.signUpEnterprise": enterpriseInput({ email: "matrix-ent@example.cn" }),
    "accounts.signUpSchool": schoolInput({ email: "matrix-school@example.cn", schoolCode: "4199999999" }),
    "accounts.signUpStudent": studentInput((await w.db.select().from(invitations).where(eq(invitations.id, w.invitationId)).limit(1))[0]!.code, { email: "matrix-stu@example.cn" }),
    "accounts.me": undefined,
    "accounts.changePassword": { currentPassword: testPassword, newPassword: "Changed2026pw" },
    "accounts.issueResetCode": { userId: w.ids.student },
    "accounts.resetPassword": { identifier: w.resetCode.identifier, code: w.resetCode.code, newPassword: "Changed2026pw" },

    "applications.eligibility": { postingId: open },
    "applications.submit": { postingId: open, coverNote: "" },
    "applications.mine": undefined,
    "applications.withdraw": { applicationId: w.offeredApplication },
    "applications.respond": { applicationId: w.offeredApplication, accept: false },
    "applications.applicants": { organisationId: host, postingId: open },
    "applications.move": { organisationId: host, applicationId: w.submittedApplication, move: { action: "screen" } },
    "applications.forSchool": { organisationId: school },
    "applications.withoutPlacement": { organisationId: school },

    "notifications.list": {},
    "notifications.unreadCount": undefined,
    "notifications.markRead": {},

    "placements.get": { placementId: w.placements.pending },
    "placements.agreement": { placementId: w.placements.ready },
    "placements.listForOrganisation": { organisationId: school },
    "placements.approve": { placementId: w.placements.pending, schoolTutorId: w.ids.school },
    "placements.assignTutor": { placementId: w.placements.pending, tutorId: w.ids.school },
    "placements.recordInsurance": { placementId: w.placements.pending, insurer: "中国人寿", policyNumber: "PL-9", paidBy: "school" },
    "placements.consent": { placementId: w.placements.pending },
    "placements.confirmAgreement": { placementId: w.placements.ready, digest: w.placements.readyDigest },
    "placements.start": { placementId: w.placements.ready },
    "placements.terminate": { placementId: w.placements.pending, reason: "学生个人原因" },
    "placements.complete": { placementId: w.placements.active },
    "placements.writeLog": { placementId: w.placements.active, weekStart: addDays(mondayOf(testToday()), -7), content: "本周完成了报表模块的开发。" },
    "placements.commentLog": { logId: w.logId, content: "很好" },
    "placements.evaluate": { placementId: w.placements.active, score: 5, comment: "满意" },
    "placements.markHired": { placementId: w.placements.completed },
    "placements.proposeAmendment": { placementId: w.placements.pending, newEndDate: monthDay(5, 20), reason: "学生个人原因" },
    "placements.confirmAmendment": { placementId: w.placements.pending, amendmentId: w.amendmentId },

    "organisations.get": { organisationId: school },
    "organisations.update": updateSchool,
    "organisations.members": { organisationId: school },
    "organisations.summary": { organisationId: school },
    "organisations.stats": undefined,
    "organisations.adminStats": undefined,
    "organisations.list": {},
    "organisations.verify": { organisationId: w.pendingEnterprise.organisationId },
    "organisations.reject": { organisationId: w.pendingEnterprise.organisationId, reason: "材料不全" },
    "organisations.change": { organisationId: school },
    "organisations.changeQueue": undefined,
    "organisations.approveChange": { changeId: w.organisationChangeId },
    "organisations.rejectChange": { changeId: w.organisationChangeId, reason: "缺少证明材料" },
    "organisations.invitations.list": { organisationId: school },
    "organisations.invitations.create": { organisationId: school, label: "", maxUses: 10, validDays: 30 },
    "organisations.invitations.revoke": { organisationId: school, invitationId: w.invitationId },

    "posts.list": { organisationId: host },
    "posts.create": { organisationId: host, name: "运维工程师", staffCount: 20 },
    "posts.update": { organisationId: host, postId: w.sparePostId, name: "测试开发工程师", staffCount: 50 },
    "posts.remove": { organisationId: host, postId: w.sparePostId },

    "complaints.file": { placementId: w.placements.running, category: "pay", description: "本月报酬比约定少发了 500 元。" },
    "complaints.forPlacement": { placementId: w.placements.running },
    "complaints.get": { complaintId: w.complaintId },
    "complaints.reply": { complaintId: w.complaintId, body: "已联系企业核实加班情况。" },
    "complaints.forSchool": { organisationId: school },
    "complaints.all": {},
    "complaints.reportPosting": { postingId: open, reason: "false_information" },
    "complaints.suspendedPostings": undefined,
    "pay.overview": { placementId: w.placements.running },
    "pay.record": { placementId: w.placements.running, month: todayInChina().slice(0, 7), amount: 3000, paidOn: todayInChina() },
    "pay.respond": { payRecordId: w.payRecordId, response: "disputed", note: "少发了加班费" },

    "postings.get": { postingId: open },
    "postings.listOwn": { organisationId: host },
    "postings.formContext": { organisationId: host },
    "postings.create": { organisationId: host, posting: placementInput({ quantity: 1, postId: w.enterprise.postId }), submit: false },
    "postings.update": { organisationId: host, postingId: open, posting: w.postings.open.input, submit: false },
    "postings.submit": { organisationId: host, postingId: w.postings.draft.id },
    "postings.withdraw": { organisationId: host, postingId: open },
    "postings.close": { organisationId: host, postingId: open },
    "postings.reviewQueue": {},
    "postings.approve": { postingId: w.postings.submitted.id },
    "postings.reject": { postingId: w.postings.submitted.id, reason: "描述不清" },
    "postings.revision": { organisationId: host, postingId: open },
    "postings.revisionQueue": {},
    "postings.approveRevision": { revisionId: w.revisionId },
    "postings.rejectRevision": { revisionId: w.revisionId, reason: "标题与内容不符" },

    "match.forStudent": {},
    "match.forPosting": { organisationId: host, postingId: open },
    "match.forOrganisation": { organisationId: host },

    "funnel.forPosting": { postingId: open },
    "funnel.applicantCounts": { organisationId: host },
    "funnel.byRegion": {},

    "reference.children": { taxonomy: "region", parentCode: null },
    "reference.search": { taxonomy: "specialty", query: "计算机" },
    "reference.paths": { taxonomy: "region", codes: ["440106"] },
    "search.postings": { query: "Java" },
    "search.page": { query: "Java", page: 2 },

    "students.me": undefined,
    "students.update": { name: "改名", specialtyCode: "510201", enrolmentYear: 2024, birthDate: "2005-06-01" },
    "students.get": { userId: w.ids.student },
    "students.accessLog": undefined,
    "students.listForSchool": { organisationId: school },

    "reports.supplyDemand": {},
    "reports.schoolOutcomes": { organisationId: school },
    "reports.enterpriseParticipation": { organisationId: host },
    "reports.overview": undefined,

    "cooperation.ledger": { organisationId: school },
    "cooperation.thread": { organisationId: school, proposalId: w.proposalId },
    "cooperation.propose": { organisationId: school, toOrganisationId: host, kind: "apprenticeship", title: "现代学徒制试点", message: "希望合作" },
    "cooperation.message": { organisationId: school, proposalId: w.proposalId, body: "补充说明" },
    "cooperation.accept": { organisationId: host, proposalId: w.proposalId, startDate: "2027-01-01", endDate: "2027-12-31" },
    "cooperation.decline": { organisationId: host, proposalId: w.proposalId },
    "cooperation.withdraw": { organisationId: school, proposalId: w.proposalId },
    "cooperation.completeProject": { organisationId: school, projectId: w.projectId },

    "admin.specialtyMap": {},
    "admin.editSpecialtyMap": { domainCode: "1102", primaryDivisions: ["65", "64"], relatedDivisions: ["63"] },
    "admin.specialtyMapHistory": { domainCode: "1102" },
    "admin.auditLog": {},
    ...(await allocationInputs(w)),
    ...(await savedSearchInputs(w)),
    ...(await apiTokenInputs(w)),
    ...(await webhookInputs(w)),
  };
}


