import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { TRPCError } from "@trpc/server";
import { and, eq, isNull } from "drizzle-orm";
import { PDFDocument } from "pdf-lib";
import { beforeAll, describe, expect, it } from "vitest";
import { notifications, users } from "@/db/schema";
import { appRouter, createCaller } from "@/server/root";
import type { Caller } from "@/server/routers/access";
import { resetRateLimits } from "@/server/security/rate-limit";
import { readCv, saveCv } from "@/server/students/cv";
import { createContext } from "@/server/trpc";
import { changedTables, tableChecksums } from "../helpers/checksums";
import { cloneDb, withThrowawayCopy } from "../helpers/db";
import { buildWorld, validInputs, type World } from "../helpers/world";

/**
 * Cross-organisation records (issue 15): the authorisation matrix always names the caller's own organisation's
 * records, so a procedure that checks the caller's membership of `input.organisationId` and then loads
 * `input.proposalId` without checking that the proposal is that organisation's passed it. Here every procedure
 * that takes a record id is called by members of OTHER organisations (each passing its own organisationId, so the
 * membership rung passes) and by other students, with the first organisation's (or the first student's) record:
 * the answer is NOT_FOUND or FORBIDDEN and not one row of any table changes. A control call by the record's owner
 * with the same input shows the record is real and reachable, so a refusal is not a typo in the fixture.
 */

type Attacker = Caller | "classmate";
type Outcome = "ok" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "BAD_REQUEST" | "CONFLICT";
type RecordKind =
  | "posting"
  | "post"
  | "application"
  | "placement"
  | "amendment"
  | "log"
  | "complaint"
  | "payRecord"
  | "proposal"
  | "project"
  | "invitation"
  | "revision"
  | "organisationChange"
  | "organisation"
  | "notification"
  | "user"
  | "allocationRound"
  | "webhookEndpoint"
  | "webhookDelivery"
  | "savedSearch"
  | "apiToken";
type Input = Record<string, unknown>;

interface Case {
  /** The id field this case names a foreign record in (dotted for nested fields). */
  field: string;
  /** The input naming the first organisation's record, with the owner's organisationId (replaced by each attacker's own). */
  input: (w: World, valid: Record<string, unknown>) => Input | Promise<Input>;
  attackers: readonly Attacker[];
  /** The owner's call that passes authorisation (outcome not FORBIDDEN/NOT_FOUND/UNAUTHORIZED); or why there is none. */
  control: { as: Caller; input?: (w: World, valid: Record<string, unknown>) => Input | Promise<Input> } | { none: string };
  /**
   * Accepted refusals; NOT_FOUND or FORBIDDEN unless said. BAD_REQUEST (a field error) only where the caller's own
   * record names another organisation's user or post; the control then must succeed outright. "ok" only where the
   * procedure silently keeps to the caller's own rows (and then, as always, no row may change).
   */
  refusals?: readonly Outcome[];
}
interface Declaration {
  /** Every id-like field of the input (see idFields: `…Id`, `…Ids` or a uuid; organisationId aside) and the record it names. */
  ids: Record<string, RecordKind>;
  cases: Case[];
}

/** Members of organisations other than the first school and host, each acting for its own organisation. */
const otherOrganisations = ["otherSchool", "otherEnterprise", "unverifiedSchool", "unverifiedEnterprise"] as const;
/** A record of the first host attacked by other organisations and by the school (its counterpart, not its owner). */
const againstHost = [...otherOrganisations, "school"] as const;
const againstSchool = [...otherOrganisations, "enterprise"] as const;
/** A record reached without an organisation (a placement, an application): other students and other organisations. */
const outsiders = ["otherStudent", "classmate", ...otherOrganisations] as const;
/** Administrators' records: everyone else, the records' owners included. */
const nonAdmins = ["student", "classmate", "otherStudent", "school", "otherSchool", "enterprise", "otherEnterprise"] as const;

/** A user's unread notifications (the fixture's student has several: offers, placements, pay). */
async function unreadOf(w: World, userId: string) {
  const ids = (await w.db.select({ id: notifications.id }).from(notifications).where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))).map((n) => n.id);
  expect(ids.length).toBeGreaterThan(0);
  return ids;
}

const same = (path: string) => (_w: World, valid: Record<string, unknown>) => ({ ...(valid[path] as Input) });

/** A case that attacks with the matrix's own valid input (which names the first organisation's record). */
function attack(path: string, field: string, attackers: readonly Attacker[], as: Caller, extra: Partial<Case> = {}): Case {
  return { field, input: same(path), attackers, control: { as }, ...extra };
}

/**
 * Which procedures take which record ids, and how each is attacked. A procedure with an id-like input field that
 * is not declared here fails the first test, so a new procedure cannot escape.
 */
const crossOrganisation: Record<string, Declaration> = {
  "accounts.issueResetCode": { ids: { userId: "user" }, cases: [attack("accounts.issueResetCode", "userId", [...outsiders, "enterprise"], "school")] },

  // Allocation rounds (issue 21): another school (or a host) naming the first school's round gets NOT_FOUND or
  // FORBIDDEN; the school's own round naming a posting it may not add, or a host naming a student who did not
  // choose its posting, is bad input; a student of another school does not learn the round exists.
  ...Object.fromEntries(
    ["allocation.get", "allocation.advance", "allocation.compute", "allocation.replay", "allocation.publish", "allocation.secondRound"].map((path) => [path, { ids: { roundId: "allocationRound" }, cases: [attack(path, "roundId", againstSchool, "school")] }]),
  ),
  ...Object.fromEntries(
    ["allocation.addPosting", "allocation.removePosting"].map((path) => [
      path,
      {
        ids: { roundId: "allocationRound", postingId: "posting" },
        cases: [
          attack(path, "roundId", againstSchool, "school"),
          path === "allocation.addPosting"
            ? attack(path, "postingId", ["school"], "school", { input: (w, valid) => ({ ...(valid[path] as Input), postingId: w.postings.draft.id }), control: { as: "school", input: same(path) }, refusals: ["BAD_REQUEST"] })
            : attack(path, "postingId", againstSchool, "school"),
        ],
      },
    ]),
  ),
  "allocation.studentView": { ids: { roundId: "allocationRound" }, cases: [attack("allocation.studentView", "roundId", ["otherStudent", ...otherOrganisations], "student")] },
  "allocation.rank": {
    ids: { roundId: "allocationRound", postingIds: "posting" },
    cases: [
      attack("allocation.rank", "roundId", ["otherStudent", ...otherOrganisations], "student"),
      attack("allocation.rank", "postingIds", ["student"], "student", { input: (w, valid) => ({ ...(valid["allocation.rank"] as Input), postingIds: [w.postings.draft.id] }), control: { as: "student", input: same("allocation.rank") }, refusals: ["BAD_REQUEST"] }),
    ],
  },
  "allocation.hostView": { ids: { roundId: "allocationRound" }, cases: [attack("allocation.hostView", "roundId", againstHost, "enterprise")] },
  "allocation.hostRank": {
    ids: { roundId: "allocationRound", postingId: "posting", "entries.studentId": "user" },
    cases: [
      attack("allocation.hostRank", "roundId", againstHost, "enterprise"),
      attack("allocation.hostRank", "postingId", againstHost, "enterprise"),
      attack("allocation.hostRank", "entries.studentId", ["enterprise"], "enterprise", { input: (w, valid) => ({ ...(valid["allocation.hostRank"] as Input), entries: [{ studentId: w.ids.otherStudent, rank: 1, unacceptable: false }] }), control: { as: "enterprise", input: same("allocation.hostRank") }, refusals: ["BAD_REQUEST"] }),
    ],
  },

  "applications.eligibility": {
    ids: { postingId: "posting" },
    cases: [{ field: "postingId", input: (w) => ({ postingId: w.postings.draft.id }), attackers: ["student", "otherStudent"], control: { none: "a draft is its host's alone: no student may name it" } }],
  },
  "applications.submit": {
    ids: { postingId: "posting" },
    cases: [{ field: "postingId", input: (w) => ({ postingId: w.postings.draft.id, coverNote: "" }), attackers: ["student", "otherStudent"], control: { none: "a draft is its host's alone: no student may name it" } }],
  },
  "applications.withdraw": { ids: { applicationId: "application" }, cases: [attack("applications.withdraw", "applicationId", outsiders, "student")] },
  "applications.respond": { ids: { applicationId: "application" }, cases: [attack("applications.respond", "applicationId", outsiders, "student")] },
  "applications.applicants": { ids: { postingId: "posting" }, cases: [attack("applications.applicants", "postingId", againstHost, "enterprise")] },
  "applications.move": { ids: { applicationId: "application" }, cases: [attack("applications.move", "applicationId", againstHost, "enterprise")] },

  "complaints.file": { ids: { placementId: "placement" }, cases: [attack("complaints.file", "placementId", outsiders, "student")] },
  "complaints.forPlacement": { ids: { placementId: "placement" }, cases: [attack("complaints.forPlacement", "placementId", outsiders, "student")] },
  "complaints.get": { ids: { complaintId: "complaint" }, cases: [attack("complaints.get", "complaintId", [...outsiders, "enterprise"], "student")] },
  "complaints.reply": { ids: { complaintId: "complaint" }, cases: [attack("complaints.reply", "complaintId", [...outsiders, "enterprise"], "school")] },
  "complaints.reportPosting": {
    ids: { postingId: "posting" },
    cases: [
      {
        field: "postingId",
        input: (w) => ({ postingId: w.postings.draft.id, reason: "false_information" }),
        attackers: ["anonymous", "otherStudent", "otherSchool", "otherEnterprise"],
        control: { none: "only published postings can be reported: a draft does not exist for any reporter" },
        refusals: ["NOT_FOUND"],
      },
    ],
  },

  "cooperation.thread": { ids: { proposalId: "proposal" }, cases: [attack("cooperation.thread", "proposalId", otherOrganisations, "school")] },
  "cooperation.message": { ids: { proposalId: "proposal" }, cases: [attack("cooperation.message", "proposalId", otherOrganisations, "school")] },
  "cooperation.accept": { ids: { proposalId: "proposal" }, cases: [attack("cooperation.accept", "proposalId", otherOrganisations, "enterprise")] },
  "cooperation.decline": { ids: { proposalId: "proposal" }, cases: [attack("cooperation.decline", "proposalId", otherOrganisations, "enterprise")] },
  "cooperation.withdraw": { ids: { proposalId: "proposal" }, cases: [attack("cooperation.withdraw", "proposalId", otherOrganisations, "school")] },
  "cooperation.completeProject": { ids: { projectId: "project" }, cases: [attack("cooperation.completeProject", "projectId", otherOrganisations, "school")] },
  "cooperation.propose": {
    ids: { toOrganisationId: "organisation", postingId: "posting" },
    cases: [
      {
        // An organisation not verified does not exist for anyone else.
        field: "toOrganisationId",
        input: (w) => ({ organisationId: w.school.organisationId, toOrganisationId: w.pendingEnterprise.organisationId, kind: "apprenticeship", title: "现代学徒制试点", message: "希望合作" }),
        attackers: ["school", "otherSchool"],
        control: { as: "school", input: (w) => ({ organisationId: w.school.organisationId, toOrganisationId: w.enterprise.organisationId, kind: "apprenticeship", title: "现代学徒制试点", message: "希望合作" }) },
        refusals: ["NOT_FOUND"],
      },
      {
        // A proposal about a posting names one of its two organisations' postings, never a third's.
        field: "postingId",
        input: (w) => ({ organisationId: w.school.organisationId, toOrganisationId: w.otherEnterprise.organisationId, postingId: w.postings.open.id, kind: "order_class", title: "订单班", message: "希望合作" }),
        attackers: ["school", "otherSchool"],
        control: { as: "school", input: (w) => ({ organisationId: w.school.organisationId, toOrganisationId: w.enterprise.organisationId, postingId: w.postings.open.id, kind: "order_class", title: "订单班", message: "希望合作" }) },
        refusals: ["NOT_FOUND"],
      },
      {
        // The counterpart's draft does not exist for the proposer (its title would show in the thread).
        field: "postingId",
        input: (w) => ({ organisationId: w.school.organisationId, toOrganisationId: w.enterprise.organisationId, postingId: w.postings.draft.id, kind: "order_class", title: "订单班", message: "希望合作" }),
        attackers: ["school", "otherSchool"],
        control: { as: "school", input: (w) => ({ organisationId: w.school.organisationId, toOrganisationId: w.enterprise.organisationId, postingId: w.postings.open.id, kind: "order_class", title: "订单班", message: "希望合作" }) },
        refusals: ["NOT_FOUND"],
      },
    ],
  },

  "pay.overview": { ids: { placementId: "placement" }, cases: [attack("pay.overview", "placementId", outsiders, "student")] },
  "pay.record": { ids: { placementId: "placement" }, cases: [attack("pay.record", "placementId", outsiders, "enterprise")] },
  "pay.respond": { ids: { payRecordId: "payRecord" }, cases: [attack("pay.respond", "payRecordId", outsiders, "student")] },

  "placements.get": { ids: { placementId: "placement" }, cases: [attack("placements.get", "placementId", outsiders, "student")] },
  "placements.agreement": { ids: { placementId: "placement" }, cases: [attack("placements.agreement", "placementId", outsiders, "student")] },
  "placements.approve": {
    ids: { placementId: "placement", schoolTutorId: "user" },
    cases: [
      attack("placements.approve", "placementId", outsiders, "school"),
      {
        // The school's own placement, with a tutor of another school: refused, nothing written.
        field: "schoolTutorId",
        input: (w) => ({ placementId: w.placements.pending, schoolTutorId: w.ids.otherSchool }),
        attackers: ["school"],
        control: { as: "school", input: same("placements.approve") },
        refusals: ["BAD_REQUEST"],
      },
    ],
  },
  "placements.assignTutor": {
    ids: { placementId: "placement", tutorId: "user" },
    cases: [
      attack("placements.assignTutor", "placementId", outsiders, "school"),
      {
        // The host's own placement, with a tutor of another enterprise.
        field: "tutorId",
        input: (w) => ({ placementId: w.placements.pending, tutorId: w.ids.otherEnterprise }),
        attackers: ["enterprise"],
        control: { as: "enterprise", input: (w) => ({ placementId: w.placements.pending, tutorId: w.ids.enterprise }) },
        refusals: ["BAD_REQUEST"],
      },
    ],
  },
  "placements.recordInsurance": { ids: { placementId: "placement" }, cases: [attack("placements.recordInsurance", "placementId", outsiders, "school")] },
  "placements.consent": { ids: { placementId: "placement" }, cases: [attack("placements.consent", "placementId", outsiders, "student")] },
  "placements.confirmAgreement": { ids: { placementId: "placement" }, cases: [attack("placements.confirmAgreement", "placementId", outsiders, "student")] },
  "placements.start": { ids: { placementId: "placement" }, cases: [attack("placements.start", "placementId", outsiders, "enterprise")] },
  "placements.terminate": { ids: { placementId: "placement" }, cases: [attack("placements.terminate", "placementId", outsiders, "school")] },
  "placements.complete": { ids: { placementId: "placement" }, cases: [attack("placements.complete", "placementId", outsiders, "enterprise")] },
  "placements.writeLog": { ids: { placementId: "placement" }, cases: [attack("placements.writeLog", "placementId", outsiders, "student")] },
  "placements.commentLog": { ids: { logId: "log" }, cases: [attack("placements.commentLog", "logId", outsiders, "school")] },
  "placements.evaluate": { ids: { placementId: "placement" }, cases: [attack("placements.evaluate", "placementId", outsiders, "student")] },
  "placements.markHired": { ids: { placementId: "placement" }, cases: [attack("placements.markHired", "placementId", outsiders, "enterprise")] },
  "placements.proposeAmendment": { ids: { placementId: "placement" }, cases: [attack("placements.proposeAmendment", "placementId", outsiders, "school")] },
  "placements.confirmAmendment": {
    ids: { placementId: "placement", amendmentId: "amendment" },
    cases: [
      attack("placements.confirmAmendment", "placementId", outsiders, "student"),
      {
        // A party of one placement cannot confirm the amendment of another by pairing it with its own placement.
        field: "amendmentId",
        input: (w) => ({ placementId: w.placements.ready, amendmentId: w.amendmentId }),
        attackers: ["student", "school"],
        control: { as: "student", input: (w) => ({ placementId: w.placements.pending, amendmentId: w.amendmentId }) },
        refusals: ["NOT_FOUND"],
      },
    ],
  },

  "organisations.approveChange": { ids: { changeId: "organisationChange" }, cases: [attack("organisations.approveChange", "changeId", nonAdmins, "admin", { refusals: ["FORBIDDEN"] })] },
  "organisations.rejectChange": { ids: { changeId: "organisationChange" }, cases: [attack("organisations.rejectChange", "changeId", nonAdmins, "admin", { refusals: ["FORBIDDEN"] })] },
  "organisations.invitations.revoke": { ids: { invitationId: "invitation" }, cases: [attack("organisations.invitations.revoke", "invitationId", againstSchool, "school")] },

  "postings.get": {
    ids: { postingId: "posting" },
    cases: [{ field: "postingId", input: (w) => ({ postingId: w.postings.draft.id }), attackers: ["anonymous", "student", ...outsiders, "school"], control: { as: "enterprise" }, refusals: ["NOT_FOUND"] }],
  },
  "postings.create": {
    ids: { "posting.postId": "post" },
    cases: [
      {
        // Another enterprise's posting naming the first host's declared post (the post's 20% cap is the host's).
        field: "posting.postId",
        input: (_w, valid) => ({ ...(valid["postings.create"] as Input) }),
        attackers: ["otherEnterprise"],
        control: { as: "enterprise" },
        refusals: ["BAD_REQUEST"],
      },
    ],
  },
  "postings.update": {
    ids: { postingId: "posting", "posting.postId": "post" },
    cases: [
      attack("postings.update", "postingId", againstHost, "enterprise"),
      {
        // Another enterprise's own draft, renamed onto the first host's post.
        field: "posting.postId",
        input: (w) => ({ organisationId: w.otherEnterprise.organisationId, postingId: w.otherDraftId, posting: { ...w.postings.draft.input, postId: w.enterprise.postId }, submit: false }),
        attackers: ["otherEnterprise"],
        control: { as: "otherEnterprise", input: (w) => ({ organisationId: w.otherEnterprise.organisationId, postingId: w.otherDraftId, posting: { ...w.postings.draft.input, postId: w.otherEnterprise.postId }, submit: false }) },
        refusals: ["BAD_REQUEST"],
      },
    ],
  },
  "postings.revision": { ids: { postingId: "posting" }, cases: [attack("postings.revision", "postingId", againstHost, "enterprise")] },
  "postings.submit": { ids: { postingId: "posting" }, cases: [attack("postings.submit", "postingId", againstHost, "enterprise")] },
  "postings.withdraw": { ids: { postingId: "posting" }, cases: [attack("postings.withdraw", "postingId", againstHost, "enterprise")] },
  "postings.close": { ids: { postingId: "posting" }, cases: [attack("postings.close", "postingId", againstHost, "enterprise")] },
  "postings.approve": { ids: { postingId: "posting" }, cases: [attack("postings.approve", "postingId", nonAdmins, "admin", { refusals: ["FORBIDDEN"] })] },
  "postings.reject": { ids: { postingId: "posting" }, cases: [attack("postings.reject", "postingId", nonAdmins, "admin", { refusals: ["FORBIDDEN"] })] },
  "postings.approveRevision": { ids: { revisionId: "revision" }, cases: [attack("postings.approveRevision", "revisionId", nonAdmins, "admin", { refusals: ["FORBIDDEN"] })] },
  "postings.rejectRevision": { ids: { revisionId: "revision" }, cases: [attack("postings.rejectRevision", "revisionId", nonAdmins, "admin", { refusals: ["FORBIDDEN"] })] },

  "posts.update": { ids: { postId: "post" }, cases: [attack("posts.update", "postId", againstHost, "enterprise")] },
  "posts.remove": { ids: { postId: "post" }, cases: [attack("posts.remove", "postId", againstHost, "enterprise")] },
  "match.forPosting": { ids: { postingId: "posting" }, cases: [attack("match.forPosting", "postingId", againstHost, "enterprise")] },
  "funnel.forPosting": { ids: { postingId: "posting" }, cases: [attack("funnel.forPosting", "postingId", againstHost, "enterprise")] },

  // Marking read is filtered to the caller's own rows: naming another's notifications succeeds and changes nothing.
  "notifications.markRead": {
    ids: { ids: "notification" },
    cases: [{ field: "ids", input: async (w) => ({ ids: await unreadOf(w, w.student.userId) }), attackers: [...outsiders, "school", "enterprise"], control: { as: "student" }, refusals: ["ok"] }],
  },

  "students.get": { ids: { userId: "user" }, cases: [attack("students.get", "userId", outsiders, "school", { refusals: ["NOT_FOUND"] })] },

  // Webhooks (issue 19): another organisation's owner naming the host's endpoint or delivery gets NOT_FOUND, and its
  // delivery list keeps to its own endpoints (empty); authorities' endpoints are administrators' only.
  // A saved search is its user's alone: anyone else naming it learns nothing (NOT_FOUND) and changes nothing.
  ...Object.fromEntries(["savedSearches.rename", "savedSearches.update", "savedSearches.delete"].map((path) => [path, { ids: { savedSearchId: "savedSearch" }, cases: [attack(path, "savedSearchId", outsiders, "student")] }])),
  "webhooks.setActive": { ids: { endpointId: "webhookEndpoint" }, cases: [attack("webhooks.setActive", "endpointId", againstHost, "enterprise")] },
  "webhooks.delete": { ids: { endpointId: "webhookEndpoint" }, cases: [attack("webhooks.delete", "endpointId", againstHost, "enterprise")] },
  "webhooks.deliveries": { ids: { endpointId: "webhookEndpoint" }, cases: [attack("webhooks.deliveries", "endpointId", againstHost, "enterprise", { refusals: ["ok"] })] },
  "webhooks.redeliver": { ids: { deliveryId: "webhookDelivery" }, cases: [attack("webhooks.redeliver", "deliveryId", againstHost, "enterprise")] },
  ...Object.fromEntries(
    (["setAuthorityActive", "deleteAuthority", "authorityDeliveries"] as const).map((name) => [
      `webhooks.${name}`,
      { ids: { endpointId: "webhookEndpoint" }, cases: [attack(`webhooks.${name}`, "endpointId", nonAdmins, "admin", { refusals: ["FORBIDDEN"] })] },
    ]),
  ),
  // API tokens (issue 19): another organisation's members cannot revoke a host's token; only administrators revoke an authority's.
  "apiTokens.revoke": { ids: { tokenId: "apiToken" }, cases: [attack("apiTokens.revoke", "tokenId", againstHost, "enterprise")] },
  "apiTokens.revokeAuthority": { ids: { tokenId: "apiToken" }, cases: [attack("apiTokens.revokeAuthority", "tokenId", nonAdmins, "admin", { refusals: ["FORBIDDEN"] })] },
  "webhooks.redeliverAuthority": { ids: { deliveryId: "webhookDelivery" }, cases: [attack("webhooks.redeliverAuthority", "deliveryId", nonAdmins, "admin", { refusals: ["FORBIDDEN"] })] },
};

/**
 * The id-like fields of a zod input schema (nested fields dotted): a name ending in `Id` or `Ids` (or `id`, `ids`),
 * or any uuid string whatever its name; organisationId (the membership rung's own field) aside.
 */
function idFields(schemas: unknown[]): string[] {
  const found = new Set<string>();
  const defOf = (schema: unknown) => (schema as { _zod?: { def?: Record<string, unknown> } } | undefined)?._zod?.def;
  const isUuid = (def: Record<string, unknown>) => def.format === "uuid" || ((def.checks as unknown[] | undefined) ?? []).some((check) => defOf(check)?.format === "uuid");
  const walk = (schema: unknown, field: string) => {
    const def = defOf(schema);
    if (!def) return;
    switch (def.type) {
      case "object":
        for (const [key, value] of Object.entries(def.shape as Record<string, unknown>)) {
          const name = field ? `${field}.${key}` : key;
          if (/(Id|Ids)$/.test(key) || key === "id" || key === "ids") found.add(name);
          walk(value, name);
        }
        break;
      case "string":
        if (field && isUuid(def)) found.add(field);
        break;
      case "optional":
      case "nullable":
      case "default":
      case "prefault":
      case "nonoptional":
      case "readonly":
      case "catch":
        walk(def.innerType, field);
        break;
      case "pipe":
        walk(def.in, field);
        break;
      case "union":
        for (const option of def.options as unknown[]) walk(option, field);
        break;
      case "intersection":
        walk(def.left, field);
        walk(def.right, field);
        break;
      case "array":
        walk(def.element, field);
        break;
    }
  };
  for (const schema of schemas) walk(schema, "");
  found.delete("organisationId");
  return [...found].sort();
}

let world: World;
let valid: Record<string, unknown>;
let baseline: Record<string, string>;
beforeAll(async () => {
  // CV files go beside the database: a temporary folder for this file's (before anything reads the environment).
  process.env.DATABASE_PATH = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "edubridge-cross-")), "test.db");
  world = await buildWorld();
  valid = await validInputs(world);
  baseline = await tableChecksums(world.db);
}, 60_000);

function userOf(who: Attacker) {
  return who === "classmate" ? world.classmate.userId : world.ids[who];
}

/** The organisation each organisation's owner acts for; students and administrators have none. */
function organisationOf(who: Attacker): string | undefined {
  const of: Partial<Record<Attacker, string>> = {
    school: world.school.organisationId,
    otherSchool: world.otherSchool.organisationId,
    enterprise: world.enterprise.organisationId,
    otherEnterprise: world.otherEnterprise.organisationId,
    unverifiedSchool: world.pendingSchool.organisationId,
    unverifiedEnterprise: world.pendingEnterprise.organisationId,
  };
  return of[who];
}

/** The input as `who` sends it: its own organisation in place of the owner's (where the input names one). */
function asMemberOf(who: Attacker, input: Input): Input {
  const own = organisationOf(who);
  return "organisationId" in input && own ? { ...input, organisationId: own } : input;
}

interface Attempt {
  outcome: string;
  /** The error's message key ("errors.notOrgMember"…), to tell which rung refused. */
  message?: string;
  changed: string[];
}

/** One call on a fresh copy of the world: its outcome, and every table whose rows differ afterwards. */
async function attempt(path: string, who: Attacker, input: Input): Promise<Attempt> {
  return withThrowawayCopy(world.db, async (db) => {
    resetRateLimits();
    const api = createCaller(await createContext({ db, userId: userOf(who) }));
    const procedure = path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], api) as (input: unknown) => Promise<unknown>;
    let outcome: string;
    let message: string | undefined;
    try {
      await procedure(input);
      outcome = "ok";
    } catch (error) {
      outcome = error instanceof TRPCError ? error.code : `crash: ${String(error)}`;
      message = error instanceof Error ? error.message : undefined;
    }
    // Against the world as built: a write by the context (a session touched, say) would show too.
    return { outcome, message, changed: changedTables(baseline, await tableChecksums(db)) };
  });
}

describe("records of another organisation", () => {
  it("declares every procedure that takes a record id, with exactly its id fields, and a case for each field", () => {
    const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { inputs: unknown[] } }>;
    const actual: Record<string, string[]> = {};
    for (const [path, procedure] of Object.entries(procedures)) {
      const fields = idFields(procedure._def.inputs);
      if (fields.length > 0) actual[path] = fields;
    }
    const declared = Object.fromEntries(Object.entries(crossOrganisation).map(([path, d]) => [path, Object.keys(d.ids).sort()]));
    expect(declared).toEqual(actual);
    const uncovered = Object.entries(crossOrganisation).flatMap(([path, d]) => Object.keys(d.ids).filter((field) => !d.cases.some((c) => c.field === field)).map((field) => `${path} ${field}`));
    expect(uncovered).toEqual([]);
    // Sanity of the enumeration itself: nested fields are found, organisationId and cursors are not.
    expect(actual["postings.create"]).toEqual(["posting.postId"]);
    expect(actual["search.postings"]).toBeUndefined();
    expect(actual["organisations.members"]).toBeUndefined();
  });

  it("lets each record's owner reach it with the same input (the refusals below are not typos)", async () => {
    const failures: string[] = [];
    for (const [path, declaration] of Object.entries(crossOrganisation)) {
      for (const c of declaration.cases) {
        if ("none" in c.control) continue;
        const input = await (c.control.input ?? c.input)(world, valid);
        const { outcome } = await attempt(path, c.control.as, input);
        if (["FORBIDDEN", "NOT_FOUND", "UNAUTHORIZED"].includes(outcome) || outcome.startsWith("crash")) failures.push(`${path} (${c.field}) as ${c.control.as}: ${outcome}`);
        // Where the attack is refused as bad input, the owner's own reference must succeed outright.
        else if (c.refusals?.includes("BAD_REQUEST") && outcome !== "ok") failures.push(`${path} (${c.field}) as ${c.control.as}: ${outcome}, expected ok`);
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it("refuses every other organisation's member and every other student, and changes no row of any table", async () => {
    const failures: string[] = [];
    let calls = 0;
    let memberCalls = 0;
    for (const [path, declaration] of Object.entries(crossOrganisation)) {
      for (const c of declaration.cases) {
        const refusals = c.refusals ?? ["NOT_FOUND", "FORBIDDEN"];
        for (const who of c.attackers) {
          const input = asMemberOf(who, await c.input(world, valid));
          const { outcome, message, changed } = await attempt(path, who, input);
          calls++;
          if (!refusals.includes(outcome as Outcome)) failures.push(`${path} (${c.field}) as ${who}: ${outcome}, expected ${refusals.join(" or ")}`);
          if (changed.length > 0) failures.push(`${path} (${c.field}) as ${who}: changed ${changed.join(", ")}`);
          // Acting for its own organisation, the attacker is past the membership rung: the record check refused it.
          if ("organisationId" in input && input.organisationId === organisationOf(who)) {
            memberCalls++;
            if (message === "errors.notOrgMember") failures.push(`${path} (${c.field}) as ${who}: refused as a non-member of its own organisation`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
    expect(calls).toBeGreaterThan(300);
    expect(memberCalls).toBeGreaterThan(80);
  }, 300_000);

  it("serves a student's CV file to no other school, enterprise or student, and logs no read", async () => {
    const db = await cloneDb(world.db);
    const doc = await PDFDocument.create();
    doc.addPage([300, 200]);
    expect(await saveCv(db, world.student.userId, "简历.pdf", await doc.save())).toBeNull();
    const before = await tableChecksums(db);
    const served: string[] = [];
    for (const who of [...outsiders, "unverifiedSchool", "unverifiedEnterprise"] as const) {
      const viewer = (await createContext({ db, userId: userOf(who) })).user!;
      if (await readCv(db, viewer, world.student.userId)) served.push(who);
    }
    expect(served).toEqual([]);
    // Not even the access log ("谁查看了我的信息") learns of the attempts.
    expect(changedTables(before, await tableChecksums(db))).toEqual([]);
    // The student's own school reads it: the refusals are not a missing file.
    expect((await readCv(db, (await createContext({ db, userId: world.ids.school })).user!, world.student.userId))?.fileName).toBe("简历.pdf");
  });

  it("does not let the reset code issued for one student reset another's password", async () => {
    const email = (await world.db.select({ email: users.email }).from(users).where(eq(users.id, world.student.userId)).limit(1))[0]!.email!;
    // The code was issued for the classmate (the matrix's resetPassword succeeds with the classmate's identifier).
    const { outcome, changed } = await attempt("accounts.resetPassword", "anonymous", { identifier: email, code: world.resetCode.code, newPassword: "Changed2026pw" });
    expect(outcome).toBe("BAD_REQUEST");
    expect(changed).toEqual([]);
    expect((await attempt("accounts.resetPassword", "anonymous", { ...world.resetCode, newPassword: "Changed2026pw" })).outcome).toBe("ok");
  });
});
