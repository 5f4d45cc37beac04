import { TRPCError } from "@trpc/server";
import { and, asc, desc, eq, or } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { z } from "zod";
import type { Db } from "../../db/create";
import { cooperationProjects, cooperationProposals, organisations, postings, proposalMessages, users } from "../../db/schema";
import { memberIdsOf, notify } from "../notifications/notify";
import type { acceptProposalInput, proposeInput } from "../schemas/cooperation";
import { MessageError } from "../trpc";
import { withTransaction } from "../../db/transaction";

const fromOrg = alias(organisations, "from_org");
const toOrg = alias(organisations, "to_org");

async function organisation(db: Db, id: string) {
  return (await db.select({ id: organisations.id, name: organisations.name, kind: organisations.kind, verificationStatus: organisations.verificationStatus }).from(organisations).where(eq(organisations.id, id)).limit(1))[0];
}

/** A proposal from one organisation to another: always between a school and an enterprise, both verified. */
export async function propose(db: Db, userId: string, fromOrganisationId: string, input: z.output<typeof proposeInput>) {
  const from = (await organisation(db, fromOrganisationId))!;
  const to = await organisation(db, input.toOrganisationId);
  if (!to || to.verificationStatus !== "verified") throw new TRPCError({ code: "NOT_FOUND", message: "errors.NOT_FOUND" });
  if (to.id === from.id) throw new MessageError("BAD_REQUEST", "errors.proposalSelf");
  if (to.kind === from.kind) throw new MessageError("BAD_REQUEST", "errors.proposalPair");
  if (from.verificationStatus !== "verified") throw new TRPCError({ code: "FORBIDDEN", message: "errors.orgNotVerified" });
  if (input.postingId) {
    // The proposer's own posting, in any state, or the counterpart's public one: another organisation's draft or
    // posting under review does not exist for the proposer (its title would show in the thread, issue 15).
    const [posting] = await db.select({ organisationId: postings.organisationId, status: postings.status }).from(postings).where(eq(postings.id, input.postingId)).limit(1);
    const counterpartPublic = posting?.organisationId === to.id && (posting.status === "published" || posting.status === "closed");
    if (!posting || (posting.organisationId !== from.id && !counterpartPublic)) throw new TRPCError({ code: "NOT_FOUND", message: "errors.NOT_FOUND" });
  }
  return withTransaction(db, async (tx) => {
    const [proposal] = await tx
      .insert(cooperationProposals)
      .values({ fromOrganisationId: from.id, toOrganisationId: to.id, postingId: input.postingId ?? null, kind: input.kind, title: input.title, createdBy: userId })
      .returning({ id: cooperationProposals.id });
    await tx.insert(proposalMessages).values({ proposalId: proposal!.id, organisationId: from.id, authorId: userId, body: input.message });
    await notify(tx, { to: await memberIdsOf(tx, to.id), type: "notify.proposalReceived", params: { organisation: from.name, title: input.title }, link: `/cooperation/${proposal!.id}` });
    return proposal!;
  });
}

/** The proposal as one of its two organisations sees it; NOT_FOUND when the organisation is not a party. */
export async function proposalFor(db: Db, proposalId: string, organisationId: string) {
  const [row] = await db.select().from(cooperationProposals).where(eq(cooperationProposals.id, proposalId)).limit(1);
  if (!row || (row.fromOrganisationId !== organisationId && row.toOrganisationId !== organisationId)) throw new TRPCError({ code: "NOT_FOUND", message: "errors.NOT_FOUND" });
  return row;
}

export async function postMessage(db: Db, userId: string, organisationId: string, input: { proposalId: string; body: string }) {
  const proposal = await proposalFor(db, input.proposalId, organisationId);
  if (proposal.status !== "open") throw new MessageError("CONFLICT", "errors.proposalWrongState");
  const other = proposal.fromOrganisationId === organisationId ? proposal.toOrganisationId : proposal.fromOrganisationId;
  await withTransaction(db, async (tx) => {
    await tx.insert(proposalMessages).values({ proposalId: proposal.id, organisationId, authorId: userId, body: input.body });
    await notify(tx, { to: await memberIdsOf(tx, other), type: "notify.proposalMessage", params: { organisation: (await organisation(tx, organisationId))!.name, title: proposal.title }, link: `/cooperation/${proposal.id}` });
  });
}

/** Moves an open proposal; the receiver accepts or declines, the sender withdraws. */
async function close(db: Db, organisationId: string, proposalId: string, to: "accepted" | "declined" | "withdrawn", then?: (tx: Db, proposal: typeof cooperationProposals.$inferSelect) => Promise<void>) {
  const proposal = await proposalFor(db, proposalId, organisationId);
  const receiver = proposal.toOrganisationId === organisationId;
  if ((to === "withdrawn") === receiver) throw new TRPCError({ code: "FORBIDDEN", message: "errors.FORBIDDEN" });
  await withTransaction(db, async (tx) => {
    const moved = await tx
      .update(cooperationProposals)
      .set({ status: to })
      .where(and(eq(cooperationProposals.id, proposalId), eq(cooperationProposals.status, "open")))
      .returning({ id: cooperationProposals.id });
    if (moved.length === 0) throw new MessageError("CONFLICT", "errors.proposalWrongState");
    await then?.(tx, proposal);
    if (to !== "withdrawn") {
      await notify(tx, { to: await memberIdsOf(tx, proposal.fromOrganisationId), type: to === "accepted" ? "notify.proposalAccepted" : "notify.proposalDeclined", params: { organisation: (await organisation(tx, organisationId))!.name, title: proposal.title }, link: `/cooperation/${proposal.id}` });
    }
  });
}

/** Accepting turns the proposal into a cooperation project in both organisations' ledgers. */
export async function acceptProposal(db: Db, organisationId: string, input: z.output<typeof acceptProposalInput>) {
  let projectId = "";
  await close(db, organisationId, input.proposalId, "accepted", async (tx, p) => {
    const from = (await organisation(tx, p.fromOrganisationId))!;
    const [schoolId, enterpriseId] = from.kind === "school" ? [p.fromOrganisationId, p.toOrganisationId] : [p.toOrganisationId, p.fromOrganisationId];
    const [project] = await tx
      .insert(cooperationProjects)
      .values({ proposalId: p.id, kind: p.kind, title: p.title, schoolId, enterpriseId, startDate: input.startDate, endDate: input.endDate, documents: input.documents, studentCount: input.studentCount, mentorCount: input.mentorCount })
      .returning({ id: cooperationProjects.id });
    projectId = project!.id;
  });
  return { projectId };
}

export const declineProposal = (db: Db, organisationId: string, proposalId: string) => close(db, organisationId, proposalId, "declined");
export const withdrawProposal = (db: Db, organisationId: string, proposalId: string) => close(db, organisationId, proposalId, "withdrawn");

export async function completeProject(db: Db, organisationId: string, projectId: string) {
  const completed = await db
    .update(cooperationProjects)
    .set({ status: "completed" })
    .where(and(eq(cooperationProjects.id, projectId), eq(cooperationProjects.status, "active"), or(eq(cooperationProjects.schoolId, organisationId), eq(cooperationProjects.enterpriseId, organisationId))))
    .returning({ id: cooperationProjects.id });
  if (completed.length === 0) throw new TRPCError({ code: "NOT_FOUND", message: "errors.NOT_FOUND" });
}

/** An organisation's ledger: its projects and the proposals it sent and received. */
export async function ledgerOf(db: Db, organisationId: string) {
  const school = alias(organisations, "school");
  const enterprise = alias(organisations, "enterprise");
  const projects = await db
    .select({ project: cooperationProjects, schoolName: school.name, enterpriseName: enterprise.name })
    .from(cooperationProjects)
    .innerJoin(school, eq(school.id, cooperationProjects.schoolId))
    .innerJoin(enterprise, eq(enterprise.id, cooperationProjects.enterpriseId))
    .where(or(eq(cooperationProjects.schoolId, organisationId), eq(cooperationProjects.enterpriseId, organisationId)))
    .orderBy(desc(cooperationProjects.startDate));
  const proposals = await db
    .select({ proposal: cooperationProposals, fromName: fromOrg.name, toName: toOrg.name })
    .from(cooperationProposals)
    .innerJoin(fromOrg, eq(fromOrg.id, cooperationProposals.fromOrganisationId))
    .innerJoin(toOrg, eq(toOrg.id, cooperationProposals.toOrganisationId))
    .where(or(eq(cooperationProposals.fromOrganisationId, organisationId), eq(cooperationProposals.toOrganisationId, organisationId)))
    .orderBy(desc(cooperationProposals.updatedAt));
  return { projects: projects.map((p) => ({ ...p.project, schoolName: p.schoolName, enterpriseName: p.enterpriseName })), proposals: proposals.map((p) => ({ ...p.proposal, fromName: p.fromName, toName: p.toName })) };
}

/** A proposal's thread for one of its organisations. */
export async function threadOf(db: Db, proposalId: string, organisationId: string) {
  const proposal = await proposalFor(db, proposalId, organisationId);
  const messages = await db
    .select({ id: proposalMessages.id, body: proposalMessages.body, createdAt: proposalMessages.createdAt, organisationId: proposalMessages.organisationId, organisationName: organisations.name, authorName: users.name })
    .from(proposalMessages)
    .innerJoin(organisations, eq(organisations.id, proposalMessages.organisationId))
    .leftJoin(users, eq(users.id, proposalMessages.authorId))
    .where(eq(proposalMessages.proposalId, proposalId))
    .orderBy(asc(proposalMessages.createdAt));
  const posting = proposal.postingId ? (await db.select({ id: postings.id, title: postings.title }).from(postings).where(eq(postings.id, proposal.postingId)).limit(1))[0] : undefined;
  const [project] = await db.select({ id: cooperationProjects.id }).from(cooperationProjects).where(eq(cooperationProjects.proposalId, proposalId)).limit(1);
  return {
    proposal: { ...proposal, fromName: (await organisation(db, proposal.fromOrganisationId))!.name, toName: (await organisation(db, proposal.toOrganisationId))!.name },
    messages,
    posting: posting ?? null,
    projectId: project?.id ?? null,
    viewerIsReceiver: proposal.toOrganisationId === organisationId,
  };
}
