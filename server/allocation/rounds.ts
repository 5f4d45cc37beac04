/**
 * Allocation rounds (issue 21): the data side of server/allocation/deferred-acceptance.ts. School staff
 * open a round for a cohort with reserved seats on hosts' postings; students rank (eligibility checked by
 * the internship rules as they rank); hosts rank or refuse the students who chose them; the school
 * computes (the caps give each posting's allocatable seats), reviews and publishes (each assignment
 * becomes an offer through the applications pipeline). Every input, the seed and the result go to the
 * audit log; replayRound re-runs the algorithm from the log entry.
 */
import { isDeepStrictEqual } from "node:util";
import { TRPCError } from "@trpc/server";
import { and, asc, desc, eq, inArray, isNull } from "drizzle-orm";
import type { Db, Runner } from "../../db/create";
import {
  allocationHostRankings,
  allocationResults,
  allocationRoundPostings,
  allocationRounds,
  allocationStudentRankings,
  applications,
  auditLog,
  organisations,
  postings,
  specialties,
  studentProfiles,
  users,
  type AllocationRoundState,
} from "../../db/schema";
import { withTransaction } from "../../db/transaction";
import { audit } from "../admin/audit";
import { hostPost, hostSeatRows } from "../applications/caps";
import { moveApplicant, postingFactsOf, seatsTaken, studentFactsOf } from "../applications/manage";
import { checkStudentEligibility } from "../compliance/application";
import type { Violation } from "../compliance/rules";
import type { z } from "zod";
import type { addRoundPostingInput, computeRoundInput, createRoundInput, hostRankInput, secondRoundInput } from "../schemas/allocation";
import { todayInChina } from "../schemas/accounts";
import { visibleProfileOf } from "../students/visibility";
import { ComplianceError, MessageError } from "../trpc";
import { allocatableSeats, type CapacityPosting } from "./capacity";
import { allocate, newSeed, type AllocationInput, type AllocationResult, type WhyNot } from "./deferred-acceptance";
import { recordWebhookEvent } from "../webhooks/events";

type Round = typeof allocationRounds.$inferSelect;
/** What the results table keeps of a "why not": the algorithm's reason, with the rules' messages for ineligible ones. */
export type StoredWhyNot = WhyNot & { messages?: { zh: string; en: string }[] };

const notFound = () => new TRPCError({ code: "NOT_FOUND", message: "errors.NOT_FOUND" });
const wrongState = () => new MessageError("CONFLICT", "errors.roundWrongState");

// --- Reading ---------------------------------------------------------------------------------------

async function roundOfSchool(tx: Runner, schoolId: string, roundId: string): Promise<Round> {
  const [round] = await tx.select().from(allocationRounds).where(and(eq(allocationRounds.id, roundId), eq(allocationRounds.schoolId, schoolId))).limit(1);
  if (!round) throw notFound();
  return round;
}

async function roundById(tx: Runner, roundId: string): Promise<Round> {
  const [round] = await tx.select().from(allocationRounds).where(eq(allocationRounds.id, roundId)).limit(1);
  if (!round) throw notFound();
  return round;
}

/** Graduation year of a student: enrolment + 3 (中职, 高职专科) or + 4 (职业本科), as the supply report counts it. */
function graduationYearOf(enrolmentYear: number, educationLevel: string) {
  return enrolmentYear + (educationLevel === "vocational_bachelor" ? 4 : 3);
}

/** The students of the round: the school's cohort, or in a second round the first round's unassigned. */
async function cohortOf(tx: Runner, round: Round) {
  const rows = await tx
    .select({ userId: studentProfiles.userId, name: users.name, specialtyCode: studentProfiles.specialtyCode, domainCode: specialties.domainCode, educationLevel: specialties.educationLevel, enrolmentYear: studentProfiles.enrolmentYear })
    .from(studentProfiles)
    .innerJoin(users, eq(users.id, studentProfiles.userId))
    .innerJoin(specialties, eq(specialties.code, studentProfiles.specialtyCode))
    .where(eq(studentProfiles.schoolId, round.schoolId))
    .orderBy(asc(studentProfiles.userId));
  let cohort = rows.filter(
    (s) =>
      graduationYearOf(s.enrolmentYear, s.educationLevel) === round.graduationYear &&
      (!round.specialtyCode || s.specialtyCode === round.specialtyCode) &&
      (!round.specialtyClass || s.domainCode === round.specialtyClass || s.specialtyCode.startsWith(round.specialtyClass)),
  );
  if (round.previousRoundId) {
    const unassigned = await tx.select({ studentId: allocationResults.studentId }).from(allocationResults).where(and(eq(allocationResults.roundId, round.previousRoundId), isNull(allocationResults.postingId)));
    const ids = new Set(unassigned.map((u) => u.studentId));
    cohort = cohort.filter((s) => ids.has(s.userId));
  }
  return cohort;
}

async function roundPostingsOf(tx: Runner, roundId: string) {
  return tx
    .select({
      postingId: allocationRoundPostings.postingId,
      seats: allocationRoundPostings.seats,
      capacity: allocationRoundPostings.capacity,
      limitedBy: allocationRoundPostings.limitedBy,
      title: postings.title,
      hostId: postings.organisationId,
      hostName: organisations.name,
      postId: postings.postId,
      quantity: postings.quantity,
      startDate: postings.startDate,
      endDate: postings.endDate,
      regionCode: postings.regionCode,
      monthlyPay: postings.monthlyPay,
    })
    .from(allocationRoundPostings)
    .innerJoin(postings, eq(postings.id, allocationRoundPostings.postingId))
    .innerJoin(organisations, eq(organisations.id, postings.organisationId))
    .where(eq(allocationRoundPostings.roundId, roundId))
    .orderBy(asc(organisations.name), asc(postings.title), asc(postings.id));
}

/** The rules that refuse this student on this posting (empty: may rank it). */
async function eligibilityOf(tx: Runner, studentId: string, postingId: string): Promise<Violation[]> {
  const posting = await postingFactsOf(tx, postingId);
  if (!posting) return [];
  return checkStudentEligibility(posting.facts, (await studentFactsOf(tx, studentId)).facts);
}

function requireState(round: Round, ...states: AllocationRoundState[]) {
  if (!states.includes(round.state)) throw wrongState();
}

function requireBefore(deadline: string, today: string) {
  if (today > deadline) throw new MessageError("CONFLICT", "errors.roundDeadlinePassed", { date: deadline });
}

// --- School staff ------------------------------------------------------------------------------------

export async function createRound(db: Db, actorId: string, schoolId: string, input: z.output<typeof createRoundInput>) {
  return withTransaction(db, async (tx) => {
    const [round] = await tx
      .insert(allocationRounds)
      .values({ schoolId, name: input.name, graduationYear: input.graduationYear, specialtyCode: input.specialtyCode || null, specialtyClass: input.specialtyClass || null, maxChoices: input.maxChoices, studentDeadline: input.studentDeadline, hostDeadline: input.hostDeadline, createdBy: actorId })
      .returning({ id: allocationRounds.id });
    await audit(tx, { actorId, action: "allocation.create", targetType: "allocation_round", targetId: round!.id, summary: input.name, details: { ...input } });
    return round!;
  });
}

/**
 * Adds a posting with seats reserved for the round (only in a draft): a published placement internship of a
 * verified enterprise, with at least that many seats free of placements, open applications' reservations
 * and other rounds' reservations (seatsTaken counts them all).
 */
export async function addRoundPosting(db: Db, actorId: string, schoolId: string, input: z.output<typeof addRoundPostingInput>) {
  await withTransaction(db, async (tx) => {
    const round = await roundOfSchool(tx, schoolId, input.roundId);
    requireState(round, "draft");
    const posting = await postingFactsOf(tx, input.postingId);
    if (!posting || posting.row.status !== "published" || posting.row.kind !== "placement_internship" || posting.row.hostKind !== "enterprise" || posting.row.hostVerification !== "verified") {
      throw new MessageError("BAD_REQUEST", "errors.roundPostingNotOpen");
    }
    await tx.delete(allocationRoundPostings).where(and(eq(allocationRoundPostings.roundId, round.id), eq(allocationRoundPostings.postingId, input.postingId)));
    const free = posting.row.quantity - (await seatsTaken(tx, input.postingId));
    if (input.seats > free) throw new MessageError("BAD_REQUEST", "errors.roundSeatsUnavailable", { n: Math.max(0, free) });
    await tx.insert(allocationRoundPostings).values({ roundId: round.id, postingId: input.postingId, seats: input.seats });
    await audit(tx, { actorId, action: "allocation.posting", targetType: "allocation_round", targetId: round.id, summary: posting.row.title, details: { postingId: input.postingId, seats: input.seats } });
  });
}

export async function removeRoundPosting(db: Db, actorId: string, schoolId: string, roundId: string, postingId: string) {
  await withTransaction(db, async (tx) => {
    const round = await roundOfSchool(tx, schoolId, roundId);
    requireState(round, "draft");
    await tx.delete(allocationRoundPostings).where(and(eq(allocationRoundPostings.roundId, round.id), eq(allocationRoundPostings.postingId, postingId)));
    await audit(tx, { actorId, action: "allocation.posting", targetType: "allocation_round", targetId: round.id, summary: "removed", details: { postingId, seats: 0 } });
  });
}

/** draft → ranking (students rank; seats reserved from now on) → host_ranking (hosts rank). */
export async function advanceRound(db: Db, actorId: string, schoolId: string, roundId: string, to: "ranking" | "host_ranking") {
  await withTransaction(db, async (tx) => {
    const round = await roundOfSchool(tx, schoolId, roundId);
    requireState(round, to === "ranking" ? "draft" : "ranking");
    if (to === "ranking" && (await roundPostingsOf(tx, roundId)).length === 0) throw new MessageError("BAD_REQUEST", "errors.roundNoPostings");
    await tx.update(allocationRounds).set({ state: to }).where(and(eq(allocationRounds.id, roundId), eq(allocationRounds.state, round.state)));
    await audit(tx, { actorId, action: "allocation.advance", targetType: "allocation_round", targetId: roundId, summary: to, details: { from: round.state, to } });
  });
}

/** Everything the algorithm needs, read in one transaction: the input as recorded in the audit log. */
async function algorithmInput(tx: Runner, round: Round, seed: number) {
  const roundPostings = await roundPostingsOf(tx, round.id);
  // Capacities host by host, so two postings of one host share its 10% room (capacity.ts).
  const capacities = new Map<string, { capacity: number; limitedBy: string | null }>();
  const byHost = new Map<string, typeof roundPostings>();
  for (const p of roundPostings) (byHost.get(p.hostId) ?? byHost.set(p.hostId, []).get(p.hostId)!).push(p);
  for (const [hostId, list] of byHost) {
    const [host] = await tx.select({ staffCount: organisations.staffCount }).from(organisations).where(eq(organisations.id, hostId)).limit(1);
    const postStaff: Record<string, number> = {};
    const wanted: CapacityPosting[] = [];
    for (const p of list) {
      if (p.postId) {
        const post = await hostPost(tx, hostId, p.postId);
        if (post) postStaff[post.id] = post.staffCount;
      }
      const facts = await postingFactsOf(tx, p.postingId);
      wanted.push({ postingId: p.postingId, postId: p.postId, reserved: p.seats, legacyPostStaff: facts?.facts.postStaffCount ?? null });
    }
    for (const [postingId, a] of allocatableSeats({ hostStaff: host?.staffCount ?? null, rows: await hostSeatRows(tx, hostId), postStaff }, wanted)) capacities.set(postingId, a);
  }
  const cohort = await cohortOf(tx, round);
  const cohortIds = cohort.map((s) => s.userId);
  const rankings = cohortIds.length
    ? await tx.select().from(allocationStudentRankings).where(and(eq(allocationStudentRankings.roundId, round.id), inArray(allocationStudentRankings.studentId, cohortIds))).orderBy(asc(allocationStudentRankings.studentId), asc(allocationStudentRankings.rank))
    : [];
  const choices = new Map<string, string[]>(cohortIds.map((id) => [id, []]));
  for (const r of rankings) choices.get(r.studentId)!.push(r.postingId);
  const hostRows = await tx.select().from(allocationHostRankings).where(eq(allocationHostRankings.roundId, round.id)).orderBy(asc(allocationHostRankings.rank), asc(allocationHostRankings.studentId));
  // Eligibility again at compute time (a posting's dates or a profile may have changed since the ranking).
  const ineligible: { studentId: string; postingId: string; rules: string[] }[] = [];
  const messages = new Map<string, { zh: string; en: string }[]>();
  for (const [studentId, list] of choices) {
    for (const postingId of list) {
      const violations = await eligibilityOf(tx, studentId, postingId);
      if (violations.length) {
        ineligible.push({ studentId, postingId, rules: violations.map((v) => v.rule) });
        messages.set(`${studentId}/${postingId}`, violations.map((v) => ({ zh: v.zh, en: v.en })));
      }
    }
  }
  const input: AllocationInput = {
    seed,
    students: cohortIds.map((id) => ({ id, choices: choices.get(id)! })),
    postings: roundPostings.map((p) => ({
      id: p.postingId,
      capacity: capacities.get(p.postingId)?.capacity ?? 0,
      hostRanking: hostRows.filter((h) => h.postingId === p.postingId && !h.unacceptable && h.rank !== null).map((h) => h.studentId),
      unacceptable: hostRows.filter((h) => h.postingId === p.postingId && h.unacceptable).map((h) => h.studentId),
    })),
    ineligible,
  };
  return { input, capacities, messages };
}

/** The part of a result the audit log keeps and a replay compares. */
function recorded(result: AllocationResult) {
  return { outcomes: result.outcomes.map((o) => ({ studentId: o.studentId, postingId: o.postingId, choice: o.choice })), distribution: result.distribution, unassigned: result.unassigned, lottery: result.lottery };
}

/** Computes (or recomputes, before publishing) the assignment; records seed, input and result. */
export async function computeRound(db: Db, actorId: string, schoolId: string, input: z.output<typeof computeRoundInput>) {
  return withTransaction(db, async (tx) => {
    const round = await roundOfSchool(tx, schoolId, input.roundId);
    requireState(round, "host_ranking", "computed");
    const seed = input.seed ?? newSeed();
    const { input: algorithm, capacities, messages } = await algorithmInput(tx, round, seed);
    const result = allocate(algorithm);
    for (const [postingId, a] of capacities) {
      await tx.update(allocationRoundPostings).set({ capacity: a.capacity, limitedBy: a.limitedBy }).where(and(eq(allocationRoundPostings.roundId, round.id), eq(allocationRoundPostings.postingId, postingId)));
    }
    await tx.delete(allocationResults).where(eq(allocationResults.roundId, round.id));
    for (const o of result.outcomes) {
      const whyNot: StoredWhyNot[] = o.whyNot.map((w) => (w.reason === "ineligible" ? { ...w, messages: messages.get(`${o.studentId}/${w.postingId}`) ?? [] } : w));
      await tx.insert(allocationResults).values({ roundId: round.id, studentId: o.studentId, postingId: o.postingId, choice: o.choice, whyNot });
    }
    const summary = { distribution: result.distribution, unassigned: result.unassigned.length, assigned: result.outcomes.length - result.unassigned.length };
    await tx.update(allocationRounds).set({ state: "computed", seed, summary, computedAt: new Date() }).where(eq(allocationRounds.id, round.id));
    await audit(tx, { actorId, action: "allocation.compute", targetType: "allocation_round", targetId: round.id, summary: `seed ${seed}`, details: { seed, input: algorithm, result: recorded(result) } });
    return { seed, ...summary };
  });
}

/**
 * Re-runs the latest computation from its audit log entry alone and compares it with what the log and the
 * results table hold: the proof that a round's result follows from its inputs and seed.
 */
export async function replayRound(db: Db, schoolId: string, roundId: string) {
  const round = await roundOfSchool(db, schoolId, roundId);
  const [entry] = await db
    .select({ details: auditLog.details })
    .from(auditLog)
    .where(and(eq(auditLog.action, "allocation.compute"), eq(auditLog.targetId, round.id)))
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(1);
  if (!entry) throw wrongState();
  const details = entry.details as { seed: number; input: AllocationInput; result: ReturnType<typeof recorded> };
  const again = recorded(allocate(details.input));
  // Sorted here, not by SQL: the algorithm orders ids by code unit, which a database collation need not.
  const stored = (await db.select({ studentId: allocationResults.studentId, postingId: allocationResults.postingId, choice: allocationResults.choice }).from(allocationResults).where(eq(allocationResults.roundId, round.id))).sort((a, b) => (a.studentId < b.studentId ? -1 : 1));
  // Deep equality, not JSON text: PostgreSQL's jsonb does not keep the keys' order.
  const sameAsLog = isDeepStrictEqual(again, details.result);
  const sameAsStored = isDeepStrictEqual(again.outcomes, stored);
  return { seed: details.seed, same: sameAsLog && sameAsStored && details.seed === round.seed };
}

/**
 * Publishes: each assignment becomes an offer in the applications pipeline (moveApplicant's "offer", with
 * its eligibility check and notification), on the student's application to the posting (made here when
 * there is none). The reserved seats are released: the offers hold them now.
 */
export async function publishRound(db: Db, actorId: string, schoolId: string, roundId: string) {
  return withTransaction(db, async (tx) => {
    const round = await roundOfSchool(tx, schoolId, roundId);
    requireState(round, "computed");
    const roundPostings = new Map((await roundPostingsOf(tx, round.id)).map((p) => [p.postingId, p]));
    const results = await tx.select().from(allocationResults).where(eq(allocationResults.roundId, round.id)).orderBy(asc(allocationResults.studentId));
    const offers: { studentId: string; postingId: string; applicationId: string }[] = [];
    for (const r of results) {
      if (!r.postingId) continue;
      const posting = roundPostings.get(r.postingId)!;
      const [existing] = await tx
        .select({ id: applications.id, status: applications.status })
        .from(applications)
        .where(and(eq(applications.postingId, r.postingId), eq(applications.studentId, r.studentId), inArray(applications.status, ["submitted", "screening", "interview", "offered", "accepted"])))
        .limit(1);
      let applicationId = existing?.id;
      if (!applicationId) {
        const [created] = await tx.insert(applications).values({ postingId: r.postingId, studentId: r.studentId, schoolId: round.schoolId, hostId: posting.hostId, coverNote: "" }).returning({ id: applications.id });
        applicationId = created!.id;
        // The host's systems hear of it as of any other application (webhooks, in this transaction).
        await recordWebhookEvent(tx, { type: "application.received", applicationId });
      }
      if (!existing || ["submitted", "screening", "interview"].includes(existing.status)) {
        await moveApplicant(tx, posting.hostId, applicationId, { action: "offer", offerStartDate: posting.startDate, offerNote: `分配轮次：${round.name}` });
      }
      await tx.update(allocationResults).set({ applicationId }).where(and(eq(allocationResults.roundId, round.id), eq(allocationResults.studentId, r.studentId)));
      offers.push({ studentId: r.studentId, postingId: r.postingId, applicationId });
    }
    const moved = await tx.update(allocationRounds).set({ state: "published", publishedAt: new Date() }).where(and(eq(allocationRounds.id, round.id), eq(allocationRounds.state, "computed"))).returning({ id: allocationRounds.id });
    if (moved.length === 0) throw wrongState();
    await audit(tx, { actorId, action: "allocation.publish", targetType: "allocation_round", targetId: round.id, summary: `${offers.length} offers`, details: { seed: round.seed, offers } });
    return { offers: offers.length };
  });
}

/** A second round (a draft) for the first round's unassigned students, on each posting's seats left. */
export async function createSecondRound(db: Db, actorId: string, schoolId: string, input: z.output<typeof secondRoundInput>) {
  return withTransaction(db, async (tx) => {
    const first = await roundOfSchool(tx, schoolId, input.roundId);
    requireState(first, "published");
    const results = await tx.select({ postingId: allocationResults.postingId }).from(allocationResults).where(eq(allocationResults.roundId, first.id));
    const taken = new Map<string, number>();
    for (const r of results) if (r.postingId) taken.set(r.postingId, (taken.get(r.postingId) ?? 0) + 1);
    const left = (await roundPostingsOf(tx, first.id)).map((p) => ({ postingId: p.postingId, seats: p.seats - (taken.get(p.postingId) ?? 0) })).filter((p) => p.seats > 0);
    const unassigned = results.filter((r) => r.postingId === null).length;
    if (left.length === 0 || unassigned === 0) throw new MessageError("BAD_REQUEST", "errors.roundNothingLeft");
    const [round] = await tx
      .insert(allocationRounds)
      .values({ schoolId, name: input.name, graduationYear: first.graduationYear, specialtyCode: first.specialtyCode, specialtyClass: first.specialtyClass, maxChoices: first.maxChoices, studentDeadline: input.studentDeadline, hostDeadline: input.hostDeadline, previousRoundId: first.id, createdBy: actorId })
      .returning({ id: allocationRounds.id });
    for (const p of left) await tx.insert(allocationRoundPostings).values({ roundId: round!.id, postingId: p.postingId, seats: p.seats });
    await audit(tx, { actorId, action: "allocation.create", targetType: "allocation_round", targetId: round!.id, summary: input.name, details: { ...input, previousRoundId: first.id, postings: left } });
    return round!;
  });
}

export async function roundsOfSchool(db: Db, schoolId: string) {
  return db.select().from(allocationRounds).where(eq(allocationRounds.schoolId, schoolId)).orderBy(desc(allocationRounds.createdAt));
}

/** The school's view of a round: its postings, the cohort's rankings and, once computed, every result. */
export async function roundDetail(db: Db, schoolId: string, roundId: string) {
  const round = await roundOfSchool(db, schoolId, roundId);
  const roundPostings = await roundPostingsOf(db, roundId);
  const cohort = await cohortOf(db, round);
  const ranked = await db.select({ studentId: allocationStudentRankings.studentId }).from(allocationStudentRankings).where(eq(allocationStudentRankings.roundId, roundId));
  const results = await db.select().from(allocationResults).where(eq(allocationResults.roundId, roundId));
  const byStudent = new Map(results.map((r) => [r.studentId, r]));
  const rankedIds = new Set(ranked.map((r) => r.studentId));
  return {
    round,
    postings: roundPostings.map((p) => ({ postingId: p.postingId, title: p.title, hostName: p.hostName, seats: p.seats, capacity: p.capacity, limitedBy: p.limitedBy, assigned: results.filter((r) => r.postingId === p.postingId).length })),
    students: cohort.map((s) => {
      const r = byStudent.get(s.userId);
      return { studentId: s.userId, name: s.name, specialtyCode: s.specialtyCode, ranked: rankedIds.has(s.userId), postingId: r?.postingId ?? null, choice: r?.choice ?? null, applicationId: r?.applicationId ?? null };
    }),
  };
}

// --- Students ---------------------------------------------------------------------------------------

async function requireInCohort(tx: Runner, round: Round, studentId: string) {
  if (!(await cohortOf(tx, round)).some((s) => s.userId === studentId)) throw new MessageError("FORBIDDEN", "errors.roundNotInCohort");
}

/** The rounds a student takes part in (opened ones of their school, in their cohort). */
export async function roundsForStudent(db: Db, studentId: string) {
  const [profile] = await db.select({ schoolId: studentProfiles.schoolId }).from(studentProfiles).where(eq(studentProfiles.userId, studentId)).limit(1);
  if (!profile) return [];
  const rounds = await db.select().from(allocationRounds).where(eq(allocationRounds.schoolId, profile.schoolId)).orderBy(desc(allocationRounds.createdAt));
  const mine: Round[] = [];
  for (const round of rounds) if (round.state !== "draft" && (await cohortOf(db, round)).some((s) => s.userId === studentId)) mine.push(round);
  return mine.map((r) => ({ id: r.id, name: r.name, state: r.state, maxChoices: r.maxChoices, studentDeadline: r.studentDeadline }));
}

/** A student's round: each posting with the rules that refuse them, their choices and, once published, their result. */
export async function studentRoundView(db: Db, studentId: string, roundId: string) {
  const round = await roundById(db, roundId);
  if (round.state === "draft") throw notFound();
  const [profile] = await db.select({ schoolId: studentProfiles.schoolId }).from(studentProfiles).where(eq(studentProfiles.userId, studentId)).limit(1);
  if (!profile || profile.schoolId !== round.schoolId) throw notFound();
  await requireInCohort(db, round, studentId);
  const roundPostings = await roundPostingsOf(db, roundId);
  const list = [];
  for (const p of roundPostings) {
    const violations = await eligibilityOf(db, studentId, p.postingId);
    list.push({ postingId: p.postingId, title: p.title, hostName: p.hostName, seats: p.seats, startDate: p.startDate, endDate: p.endDate, monthlyPay: p.monthlyPay, violations: violations.map((v) => ({ rule: v.rule, zh: v.zh, en: v.en })) });
  }
  const choices = (await db.select({ postingId: allocationStudentRankings.postingId }).from(allocationStudentRankings).where(and(eq(allocationStudentRankings.roundId, roundId), eq(allocationStudentRankings.studentId, studentId))).orderBy(asc(allocationStudentRankings.rank))).map((c) => c.postingId);
  const [result] = round.state === "published" ? await db.select().from(allocationResults).where(and(eq(allocationResults.roundId, roundId), eq(allocationResults.studentId, studentId))).limit(1) : [];
  return {
    round: { id: round.id, name: round.name, state: round.state, maxChoices: round.maxChoices, studentDeadline: round.studentDeadline, seed: round.state === "published" ? round.seed : null },
    postings: list,
    choices,
    result: result ? { postingId: result.postingId, choice: result.choice, whyNot: result.whyNot as StoredWhyNot[], applicationId: result.applicationId } : null,
  };
}

/** A student's choices, replacing the previous ones; each is checked against the internship rules. */
export async function rankAsStudent(db: Db, studentId: string, input: { roundId: string; postingIds: string[] }, today = todayInChina()) {
  await withTransaction(db, async (tx) => {
    const round = await roundById(tx, input.roundId);
    const [profile] = await tx.select({ schoolId: studentProfiles.schoolId }).from(studentProfiles).where(eq(studentProfiles.userId, studentId)).limit(1);
    if (!profile || profile.schoolId !== round.schoolId || round.state === "draft") throw notFound();
    await requireInCohort(tx, round, studentId);
    requireState(round, "ranking");
    requireBefore(round.studentDeadline, today);
    if (input.postingIds.length > round.maxChoices) throw new MessageError("BAD_REQUEST", "errors.roundTooManyChoices", { n: round.maxChoices });
    if (new Set(input.postingIds).size !== input.postingIds.length) throw new MessageError("BAD_REQUEST", "errors.roundDuplicate");
    const inRound = new Set((await roundPostingsOf(tx, round.id)).map((p) => p.postingId));
    if (input.postingIds.some((id) => !inRound.has(id))) throw new MessageError("BAD_REQUEST", "errors.roundPostingNotInRound");
    const violations: Violation[] = [];
    for (const postingId of input.postingIds) violations.push(...(await eligibilityOf(tx, studentId, postingId)));
    if (violations.length) throw new ComplianceError(violations);
    await tx.delete(allocationStudentRankings).where(and(eq(allocationStudentRankings.roundId, round.id), eq(allocationStudentRankings.studentId, studentId)));
    for (const [i, postingId] of input.postingIds.entries()) await tx.insert(allocationStudentRankings).values({ roundId: round.id, studentId, postingId, rank: i + 1 });
    await audit(tx, { actorId: studentId, action: "allocation.studentRank", targetType: "allocation_round", targetId: round.id, summary: `${input.postingIds.length} choices`, details: { studentId, postingIds: input.postingIds } });
  });
}

// --- Hosts -----------------------------------------------------------------------------------------

/** Rounds in which the host's postings take part (opened ones). */
export async function roundsForHost(db: Db, hostId: string) {
  const rows = await db
    .selectDistinct({ id: allocationRounds.id, name: allocationRounds.name, state: allocationRounds.state, hostDeadline: allocationRounds.hostDeadline, schoolName: organisations.name })
    .from(allocationRoundPostings)
    .innerJoin(allocationRounds, eq(allocationRounds.id, allocationRoundPostings.roundId))
    .innerJoin(postings, eq(postings.id, allocationRoundPostings.postingId))
    .innerJoin(organisations, eq(organisations.id, allocationRounds.schoolId))
    .where(eq(postings.organisationId, hostId));
  return rows.filter((r) => r.state !== "draft");
}

/**
 * The host's round: for each of its postings in it, only the students who ranked that posting, each with
 * the visible-profile fields alone (server/students/visibility.ts: display name, specialty, year, skills —
 * never the full name, contact, birth date or CV, which reach the host with the offer's application).
 */
export async function hostRoundView(db: Db, hostId: string, roundId: string) {
  const round = await roundById(db, roundId);
  const mine = (await roundPostingsOf(db, roundId)).filter((p) => p.hostId === hostId);
  if (mine.length === 0 || round.state === "draft") throw notFound();
  const out = [];
  for (const p of mine) {
    const rankers = await db
      .select({
        userId: users.id,
        name: users.name,
        schoolId: studentProfiles.schoolId,
        schoolName: organisations.name,
        specialtyCode: studentProfiles.specialtyCode,
        specialtyName: specialties.name,
        enrolmentYear: studentProfiles.enrolmentYear,
        preferredRegions: studentProfiles.preferredRegions,
        skills: studentProfiles.skills,
        certificates: studentProfiles.certificates,
        bio: studentProfiles.bio,
      })
      .from(allocationStudentRankings)
      .innerJoin(users, eq(users.id, allocationStudentRankings.studentId))
      .innerJoin(studentProfiles, eq(studentProfiles.userId, users.id))
      .innerJoin(organisations, eq(organisations.id, studentProfiles.schoolId))
      .innerJoin(specialties, eq(specialties.code, studentProfiles.specialtyCode))
      .where(and(eq(allocationStudentRankings.roundId, roundId), eq(allocationStudentRankings.postingId, p.postingId)))
      .orderBy(asc(users.id));
    const marks = await db.select().from(allocationHostRankings).where(and(eq(allocationHostRankings.roundId, roundId), eq(allocationHostRankings.postingId, p.postingId)));
    const markOf = new Map(marks.map((m) => [m.studentId, m]));
    out.push({
      postingId: p.postingId,
      title: p.title,
      seats: p.seats,
      students: rankers.map((r) => {
        const shown = visibleProfileOf(r);
        const m = markOf.get(r.userId);
        return { studentId: shown.userId, displayName: shown.displayName, specialtyName: shown.specialtyName, enrolmentYear: shown.enrolmentYear, skills: shown.skills, certificates: shown.certificates, rank: m?.rank ?? null, unacceptable: m?.unacceptable ?? false };
      }),
    });
  }
  return { round: { id: round.id, name: round.name, state: round.state, hostDeadline: round.hostDeadline }, postings: out };
}

/** The host's ranking of one posting's students (replacing the previous one), within the hosts' deadline. */
export async function rankAsHost(db: Db, actorId: string, hostId: string, input: z.output<typeof hostRankInput>, today = todayInChina()) {
  await withTransaction(db, async (tx) => {
    const round = await roundById(tx, input.roundId);
    const posting = (await roundPostingsOf(tx, round.id)).find((p) => p.postingId === input.postingId && p.hostId === hostId);
    if (!posting || round.state === "draft") throw notFound();
    requireState(round, "ranking", "host_ranking");
    requireBefore(round.hostDeadline, today);
    const ranks = input.entries.filter((e) => !e.unacceptable && e.rank !== null).map((e) => e.rank);
    if (new Set(input.entries.map((e) => e.studentId)).size !== input.entries.length || new Set(ranks).size !== ranks.length) throw new MessageError("BAD_REQUEST", "errors.roundDuplicate");
    const rankers = new Set((await tx.select({ studentId: allocationStudentRankings.studentId }).from(allocationStudentRankings).where(and(eq(allocationStudentRankings.roundId, round.id), eq(allocationStudentRankings.postingId, input.postingId)))).map((r) => r.studentId));
    if (input.entries.some((e) => !rankers.has(e.studentId))) throw new MessageError("BAD_REQUEST", "errors.roundStudentNotRanked");
    await tx.delete(allocationHostRankings).where(and(eq(allocationHostRankings.roundId, round.id), eq(allocationHostRankings.postingId, input.postingId)));
    for (const e of input.entries) {
      await tx.insert(allocationHostRankings).values({ roundId: round.id, postingId: input.postingId, studentId: e.studentId, rank: e.unacceptable ? null : e.rank, unacceptable: e.unacceptable });
    }
    await audit(tx, { actorId, action: "allocation.hostRank", targetType: "allocation_round", targetId: round.id, summary: posting.title, details: { hostId, postingId: input.postingId, entries: input.entries } });
  });
}
