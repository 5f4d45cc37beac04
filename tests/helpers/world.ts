import { eq } from "drizzle-orm";
import { organisationDetail } from "@/db/queries/organisations";
import { invitations } from "@/db/schema";
import { applyToPosting, moveApplicant, respondToOffer } from "@/server/applications/manage";
import { acceptProposal, propose } from "@/server/cooperation/manage";
import { approvePlacement, assignTutor, completePlacement, confirmAgreement, evaluatePlacement, loadPlacement, placementState, recordConsent, recordInsurance, startPlacement, writeWeeklyLog } from "@/server/placements/manage";
import { approvePosting, createPosting } from "@/server/postings/manage";
import { postingInput } from "@/server/schemas/postings";
import { createContext, type SessionUser } from "@/server/trpc";
import { createTestDb } from "./db";
import { createAdmin, createEnterprise, createInvitationFor, createSchool, createStudent, enterpriseInput, placementInput, schoolInput, studentInput } from "./factories";

/**
 * One of everything, in every state a procedure can act on: two schools, two enterprises, students of both
 * schools, postings in each state, an application with an offer, placements pending, ready to start and
 * running. Built once through the domain functions; tests copy it per case.
 */
export async function buildWorld() {
  const db = createTestDb();
  const admin = await createAdmin(db);
  const school = await createSchool(db);
  const otherSchool = await createSchool(db);
  const enterprise = await createEnterprise(db, { staffCount: 300 });
  const otherEnterprise = await createEnterprise(db, { staffCount: 200 });
  const pendingEnterprise = await createEnterprise(db, {}, { verified: false });
  const invitation = await createInvitationFor(db, school);
  const student = await createStudent(db, invitation.code, { birthDate: "2005-07-13", mobile: "13912345678" });
  const classmate = await createStudent(db, invitation.code);
  const otherStudent = await createStudent(db, (await createInvitationFor(db, otherSchool)).code);
  const user = async (id: string) => (await createContext({ db, userId: id })).user as SessionUser;
  const [studentUser, schoolUser, hostUser] = [await user(student.userId), await user(school.userId), await user(enterprise.userId)];

  const post = async (months: [string, string], options: { publish?: boolean; submit?: boolean } = { publish: true }) => {
    const input = postingInput.parse(placementInput({ quantity: 3, startDate: months[0], endDate: months[1], applyBy: "2027-02-15" }, { durationMonths: 2 }));
    const { id } = await createPosting(db, { organisationId: enterprise.organisationId, userId: enterprise.userId, posting: input, submit: !!(options.publish || options.submit) });
    if (options.publish) await approvePosting(db, id, admin.id);
    return { id, input };
  };
  const open = await post(["2027-03-01", "2027-04-30"]);
  const pending = await post(["2027-03-01", "2027-04-30"]);
  const ready = await post(["2027-05-01", "2027-06-30"]);
  const active = await post(["2027-07-01", "2027-08-31"]);
  const offer = await post(["2027-09-01", "2027-10-31"]);
  const draft = await post(["2027-03-01", "2027-04-30"], { publish: false });
  const submitted = await post(["2027-03-01", "2027-04-30"], { submit: true });

  const offerTo = async (posting: { id: string; input: { startDate: string } }, studentId: string) => {
    const application = applyToPosting(db, studentId, { postingId: posting.id, coverNote: "" });
    moveApplicant(db, enterprise.organisationId, application.id, { action: "offer", offerStartDate: posting.input.startDate, offerNote: "" });
    return application.id;
  };
  const placementOn = async (posting: { id: string; input: { startDate: string } }) => {
    const { placementId } = respondToOffer(db, student.userId, { applicationId: await offerTo(posting, student.userId), accept: true });
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
  await startPlacement(db, hostUser, activePlacement);
  const log = await writeWeeklyLog(db, studentUser, { placementId: activePlacement, weekStart: "2026-11-23", content: "本周学习了接口开发与单元测试。" });
  await evaluatePlacement(db, schoolUser, { placementId: activePlacement, score: 5, comment: "好" });
  await evaluatePlacement(db, hostUser, { placementId: activePlacement, score: 4, comment: "好" });
  const done = await post(["2027-11-01", "2027-12-31"]);
  const completedPlacement = await placementOn(done);
  await prepare(completedPlacement);
  await startPlacement(db, hostUser, completedPlacement);
  await evaluatePlacement(db, schoolUser, { placementId: completedPlacement, score: 5, comment: "好" });
  await evaluatePlacement(db, hostUser, { placementId: completedPlacement, score: 5, comment: "好" });
  await completePlacement(db, hostUser, completedPlacement);
  const offeredApplication = await offerTo(offer, student.userId);
  const submittedApplication = applyToPosting(db, classmate.userId, { postingId: offer.id, coverNote: "" }).id;
  const proposal = propose(db, school.userId, school.organisationId, { toOrganisationId: enterprise.organisationId, kind: "order_class", title: "2027 级软件订单班", message: "希望合作开设订单班" });
  const agreed = propose(db, school.userId, school.organisationId, { toOrganisationId: enterprise.organisationId, kind: "training_base", title: "共建实训基地", message: "共建" });
  const { projectId } = acceptProposal(db, enterprise.organisationId, { proposalId: agreed.id, startDate: "2026-09-01", endDate: "2029-08-31", studentCount: 40, mentorCount: 3, documents: "" });
  const invitationId = db.select({ id: invitations.id }).from(invitations).where(eq(invitations.code, invitation.code)).get()!.id;

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
      admin: admin.id,
    },
    school,
    enterprise,
    pendingEnterprise,
    student,
    postings: { open, draft, submitted },
    offeredApplication,
    submittedApplication,
    placements: { pending: pendingPlacement, ready: readyPlacement, readyDigest, active: activePlacement, completed: completedPlacement },
    logId: log.id,
    proposalId: proposal.id,
    projectId,
    invitationId,
  };
}
export type World = Awaited<ReturnType<typeof buildWorld>>;

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
    "accounts.signUpStudent": studentInput(w.db.select().from(invitations).get()!.code, { email: "matrix-stu@example.cn" }),
    "accounts.me": undefined,

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
    "placements.writeLog": { placementId: w.placements.active, weekStart: "2026-11-16", content: "本周完成了报表模块的开发。" },
    "placements.commentLog": { logId: w.logId, content: "很好" },
    "placements.evaluate": { placementId: w.placements.active, score: 5, comment: "满意" },
    "placements.markHired": { placementId: w.placements.completed },

    "organisations.get": { organisationId: school },
    "organisations.update": updateSchool,
    "organisations.members": { organisationId: school },
    "organisations.summary": { organisationId: school },
    "organisations.stats": undefined,
    "organisations.adminStats": undefined,
    "organisations.list": {},
    "organisations.verify": { organisationId: w.pendingEnterprise.organisationId },
    "organisations.reject": { organisationId: w.pendingEnterprise.organisationId, reason: "材料不全" },
    "organisations.invitations.list": { organisationId: school },
    "organisations.invitations.create": { organisationId: school, label: "", maxUses: 10, validDays: 30 },
    "organisations.invitations.revoke": { organisationId: school, invitationId: w.invitationId },

    "postings.get": { postingId: open },
    "postings.listOwn": { organisationId: host },
    "postings.formContext": { organisationId: host },
    "postings.create": { organisationId: host, posting: placementInput({ quantity: 1 }), submit: false },
    "postings.update": { organisationId: host, postingId: open, posting: w.postings.open.input, submit: false },
    "postings.submit": { organisationId: host, postingId: w.postings.draft.id },
    "postings.withdraw": { organisationId: host, postingId: open },
    "postings.close": { organisationId: host, postingId: open },
    "postings.reviewQueue": {},
    "postings.approve": { postingId: w.postings.submitted.id },
    "postings.reject": { postingId: w.postings.submitted.id, reason: "描述不清" },

    "match.forStudent": {},
    "match.forPosting": { organisationId: host, postingId: open },
    "match.forOrganisation": { organisationId: host },

    "reference.children": { taxonomy: "region", parentCode: null },
    "reference.search": { taxonomy: "specialty", query: "计算机" },
    "reference.paths": { taxonomy: "region", codes: ["440106"] },
    "search.postings": { query: "Java" },

    "students.me": undefined,
    "students.update": { name: "改名", specialtyCode: "510201", enrolmentYear: 2024, birthDate: "2005-06-01" },
    "students.get": { userId: w.ids.student },
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
  };
}


