/**
 * The tables of the engine this process runs on (db/engine.ts), under one set of names. Shared code
 * imports tables from here; db/schema/sqlite.ts and db/schema/pg.ts hold the two dialects' definitions
 * with identical names and columns (tests/unit/db/schema-parity.test.ts keeps them so). The tables are
 * typed as SQLite's: the query builders shared code uses take either at run time.
 */
import { configuredEngine } from "../engine";
import * as pgSchema from "./pg";
import * as sqliteSchema from "./sqlite";

export * from "../schema-enums";

export type Schema = typeof sqliteSchema;

const active = (configuredEngine() === "postgres" ? pgSchema : sqliteSchema) as unknown as Schema;

/**
 * Every table by its exported name: the schema object for a drizzle instance of this engine. A plain
 * object (a module namespace has no prototype, which drizzle's schema reader trips on when nested).
 */
export const tables: Schema = { ...active };

export const {
  regions,
  specialties,
  industries,
  specialtyIndustryMap,
  referenceMeta,
  users,
  organisations,
  memberships,
  schoolSpecialties,
  invitations,
  studentProfiles,
  postings,
  postingSpecialties,
  applications,
  placements,
  weeklyLogs,
  logComments,
  evaluations,
  notifications,
  cooperationProposals,
  proposalMessages,
  cooperationProjects,
  auditLog,
  specialtyIndustryMapHistory,
  studentSupply,
  studentAccessLog,
  postingRevisions,
  organisationChanges,
  hostPosts,
  payRecords,
  complaints,
  complaintReplies,
  postingReports,
  passwordResetCodes,
  placementAmendments,
  allocationRounds,
  allocationRoundPostings,
  allocationStudentRankings,
  allocationHostRankings,
  allocationResults,
  searchIndexSnapshots,
  rosterEntries,
  savedSearches,
  savedSearchSightings,
  mailOutbox,
  webhookEndpoints,
  webhookEvents,
  webhookDeliveries,
  webhookAttempts,
} = active;
