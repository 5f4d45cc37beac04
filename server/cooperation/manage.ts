import { TRPCError } from "@trpc/server";
import { and, asc, desc, eq, or } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { z } from "zod";
import type { Db } from "../../db/create";
import { cooperationProjects, cooperationProposals, organisations, postings, proposalMessages, users } from "../../db/schema";
import { memberIdsOf, notify } from "../notifications/notify";
import type { acceptProposalInput, proposeInput } from "../schemas/cooperation";
import { MessageError } from "../trpc";

const fromOrg = alias(organisations, "from_org");
const toOrg = alias(organisations, "to_org");

function organisation(db: Db, id: string) {
  return db.select({ id: organisations.id, name: organisations.name, kind: organisations.kind, verificationStatus: organisations.verificationStatus }).from(organisations).where(eq(organisations.id, id)).get();
}

/** A proposal from one organisation to another: always between a school and an enterprise, both verified. */
export function propose(db: Db, userId: string, fromOrganisationId: string, input: z.output<typeof proposeInput>) {
  const from = organisation(db, fromOrganisationId)!;
  const to = organisation(db, input.toOrganisationId);
  if (!to || to.verificationStatus !== "verified") throw new TRPCError({ code: "NOT_FOUND", message: "errors.NOT_FOUND" });
  if (to.id === from.id) throw new MessageError("BAD_REQUEST", "errors.proposalSelf");
  if (to.kind === from.kind) throw new MessageError("BAD_REQUEST", "errors.proposalPair");
  if (from.verificationStatus !== "verified") throw new TRPCError({ code: "FORBIDDEN", message: "errors.orgNotVerified" });
  if (input.postingId) {
    // The proposer's own posting, in any state, or the counterpart's public one: another organisation's draft or
    // posting under review does not exist for the proposer (its title would show in the thread, issue 15).
    const posting = db.select({ organisationId: postings.organisationId, status: postings.status }).from(postings).where(eq(postings.id, input.postingId)).get();
    const counterpartPublic = posting?.organisationId === to.id && (posting.status === "published" || posting.status === "closed");
    if (!posting || (posting.organisationId !== from.id && !counterpartPublic)) throw new TRPCError({ code: "NOT_FOUND", message: "errors.NOT_FOUND" });
  }
  return db.transaction((tx) => {
    const proposal = tx
      .insert(cooperationProposals)
      .values({ fromOrganisationId: from.id, toOrganisationId: to.id, postingId: input.postingId ?? null, kind: input.kind, title: input.title, createdBy: userId })
      .returning({ id: cooperationProposals.id })
      .get();
    tx.insert(proposalMessages).values({ proposalId: proposal.id, organisationId: from.id, authorId: userId, body: input.message }).run();
    notify(tx, { to: memberIdsOf(tx, to.id), type: "notify.proposalReceived", params: { organisation: from.name, title: input.title }, link: `/cooperation/${proposal.id}` });
    return proposal;
  });
}

/** The proposal as one of its two organisations sees it; NOT_FOUND when the organisation is not a party. */
export function proposalFor(db: Db, proposalId: string, organisationId: string) {
  const row = db.select().from(cooperationProposals).where(eq(cooperationProposals.id, proposalId)).get();
  if (!row || (row.fromOrganisationId !== organisationId && row.toOrganisationId !== organisationId)) throw new TRPCError({ code: "NOT_FOUND", message: "errors.NOT_FOUND" });
  return row;
}

export function postMessage(db: Db, userId: string, organisationId: string, input: { proposalId: string; body: string }) {
  const proposal = proposalFor(db, input.proposalId, organisationId);
  if (proposal.status !== "open") throw new MessageError("CONFLICT", "errors.proposalWrongState");
  const other = proposal.fromOrganisationId === organisationId ? proposal.toOrganisationId : proposal.fromOrganisationId;
  db.transaction((tx) => {
    tx.insert(proposalMessages).values({ proposalId: proposal.id, organisationId, authorId: userId, body: input.body }).run();
    notify(tx, { to: memberIdsOf(tx, other), type: "notify.proposalMessage", params: { organisation: organisation(db, organisationId)!.name, title: proposal.title }, link: `/cooperation/${proposal.id}` });
  });
}

/** Moves an open proposal; the receiver accepts or declines, the sender withdraws. */
function close(db: Db, organisationId: string, proposalId: string, to: "accepted" | "declined" | "withdrawn", then?: (tx: Parameters<Parameters<Db["transaction"]>[0]>[0], proposal: typeof cooperationProposals.$inferSelect) => void) {
  const proposal = proposalFor(db, proposalId, organisationId);
  const receiver = proposal.toOrganisationId === organisationId;
  if ((to === "withdrawn") === receiver) throw new TRPCError({ code: "FORBIDDEN", message: "errors.FORBIDDEN" });
  db.transaction((tx) => {
    const result = tx
      .update(cooperationProposals)
      .set({ status: to })
      .where(and(eq(cooperationProposals.id, proposalId), eq(cooperationProposals.status, "open")))
      .run();
    if (result.changes === 0) throw new MessageError("CONFLICT", "errors.proposalWrongState");
    then?.(tx, proposal);
    if (to !== "withdrawn") {
      notify(tx, { to: memberIdsOf(tx, proposal.fromOrganisationId), type: to === "accepted" ? "notify.proposalAccepted" : "notify.proposalDeclined", params: { organisation: organisation(db, organisationId)!.name, title: proposal.title }, link: `/cooperation/${proposal.id}` });
    }
  });
}

/** Accepting turns the proposal into a cooperation project in both organisations' ledgers. */
export function acceptProposal(db: Db, organisationId: string, input: z.output<typeof acceptProposalInput>) {
  let projectId = "";
  close(db, organisationId, input.proposalId, "accepted", (tx, p) => {
    const from = organisation(db, p.fromOrganisationId)!;
    const [schoolId, enterpriseId] = from.kind === "school" ? [p.fromOrganisationId, p.toOrganisationId] : [p.toOrganisationId, p.fromOrganisationId];
    projectId = tx
      .insert(cooperationProjects)
      .values({ proposalId: p.id, kind: p.kind, title: p.title, schoolId, enterpriseId, startDate: input.startDate, endDate: input.endDate, documents: input.documents, studentCount: input.studentCount, mentorCount: input.mentorCount })
      .returning({ id: cooperationProjects.id })
      .get().id;
  });
  return { projectId };
}

export const declineProposal = (db: Db, organisationId: string, proposalId: string) => close(db, organisationId, proposalId, "declined");
export const withdrawProposal = (db: Db, organisationId: string, proposalId: string) => close(db, organisationId, proposalId, "withdrawn");

export function completeProject(db: Db, organisationId: string, projectId: string) {
  const result = db
    .update(cooperationProjects)
    .set({ status: "completed" })
    .where(and(eq(cooperationProjects.id, projectId), eq(cooperationProjects.status, "active"), or(eq(cooperationProjects.schoolId, organisationId), eq(cooperationProjects.enterpriseId, organisationId))))
    .run();
  if (result.changes === 0) throw new TRPCError({ code: "NOT_FOUND", message: "errors.NOT_FOUND" });
}

/** An organisation's ledger: its projects and the proposals it sent and received. */
export function ledgerOf(db: Db, organisationId: string) {
  const school = alias(organisations, "school");
  const enterprise = alias(organisations, "enterprise");
  const projects = db
    .select({ project: cooperationProjects, schoolName: school.name, enterpriseName: enterprise.name })
    .from(cooperationProjects)
    .innerJoin(school, eq(school.id, cooperationProjects.schoolId))
    .innerJoin(enterprise, eq(enterprise.id, cooperationProjects.enterpriseId))
    .where(or(eq(cooperationProjects.schoolId, organisationId), eq(cooperationProjects.enterpriseId, organisationId)))
    .orderBy(desc(cooperationProjects.startDate))
    .all();
  const proposals = db
    .select({ proposal: cooperationProposals, fromName: fromOrg.name, toName: toOrg.name })
    .from(cooperationProposals)
    .innerJoin(fromOrg, eq(fromOrg.id, cooperationProposals.fromOrganisationId))
    .innerJoin(toOrg, eq(toOrg.id, cooperationProposals.toOrganisationId))
    .where(or(eq(cooperationProposals.fromOrganisationId, organisationId), eq(cooperationProposals.toOrganisationId, organisationId)))
    .orderBy(desc(cooperationProposals.updatedAt))
    .all();
  return { projects: projects.map((p) => ({ ...p.project, schoolName: p.schoolName, enterpriseName: p.enterpriseName })), proposals: proposals.map((p) => ({ ...p.proposal, fromName: p.fromName, toName: p.toName })) };
}

/** A proposal's thread for one of its organisations. */
export function threadOf(db: Db, proposalId: string, organisationId: string) {
  const proposal = proposalFor(db, proposalId, organisationId);
  const messages = db
    .select({ id: proposalMessages.id, body: proposalMessages.body, createdAt: proposalMessages.createdAt, organisationId: proposalMessages.organisationId, organisationName: organisations.name, authorName: users.name })
    .from(proposalMessages)
    .innerJoin(organisations, eq(organisations.id, proposalMessages.organisationId))
    .leftJoin(users, eq(users.id, proposalMessages.authorId))
    .where(eq(proposalMessages.proposalId, proposalId))
    .orderBy(asc(proposalMessages.createdAt))
    .all();
  const posting = proposal.postingId ? db.select({ id: postings.id, title: postings.title }).from(postings).where(eq(postings.id, proposal.postingId)).get() : undefined;
  const project = db.select({ id: cooperationProjects.id }).from(cooperationProjects).where(eq(cooperationProjects.proposalId, proposalId)).get();
  return {
    proposal: { ...proposal, fromName: organisation(db, proposal.fromOrganisationId)!.name, toName: organisation(db, proposal.toOrganisationId)!.name },
    messages,
    posting: posting ?? null,
    projectId: project?.id ?? null,
    viewerIsReceiver: proposal.toOrganisationId === organisationId,
  };
}
