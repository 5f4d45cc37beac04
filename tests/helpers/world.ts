import { eq } from "drizzle-orm";
import type { Db } from "@/db/create";
import { invitations } from "@/db/schema";
import { applyToPosting, moveApplicant, respondToOffer } from "@/server/applications/manage";
import { approvePlacement, assignTutor, confirmAgreement, evaluatePlacement, loadPlacement, placementState, recordConsent, recordInsurance, startPlacement, writeWeeklyLog } from "@/server/placements/manage";
import { approvePosting, createPosting } from "@/server/postings/manage";
import { postingInput } from "@/server/schemas/postings";
import { createContext, type SessionUser } from "@/server/trpc";
import { createTestDb } from "./db";
import { createAdmin, createEnterprise, createInvitationFor, createSchool, createStudent, placementInput } from "./factories";

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
  const enterprise = await createEnterprise(db, { staffCount: 200 });
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
  const offeredApplication = await offerTo(offer, student.userId);
  const submittedApplication = applyToPosting(db, classmate.userId, { postingId: offer.id, coverNote: "" }).id;
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
    placements: { pending: pendingPlacement, ready: readyPlacement, readyDigest, active: activePlacement },
    logId: log.id,
    invitationId,
  };
}
export type World = Awaited<ReturnType<typeof buildWorld>>;
