/**
 * PostgreSQL twin of db/schema/sqlite.ts (issue 16): the same exported tables, table and column names,
 * indexes and constraints, so shared code runs on either (tests/unit/db/schema-parity.test.ts keeps them
 * so). Types: integer boolean → boolean, integer timestamp_ms → timestamptz(3), JSON text → jsonb.
 * Two PostgreSQL-only columns, both named `rowid`, stand in for SQLite's implicit rowid, which code relies
 * on: postings.rowid (the in-memory search index's positions) and complaint_replies.rowid (replies in the
 * order written). Triggers, the bigram search function and its index: drizzle/pg custom migrations.
 */
import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import {
  applicationStatuses,
  cooperationKinds,
  projectStatuses,
  proposalStatuses,
  educationLevels,
  placementInsurancePayers,
  placementParties,
  placementStatuses,
  industryLevels,
  membershipRoles,
  postingKinds,
  postingStatuses,
  organisationKinds,
  regionLevels,
  specialtyLevels,
  userRoles,
  verificationStatuses,
  complaintCategories,
  complaintStatuses,
  payResponses,
  postingReportReasons,
  studentAccessKinds,
  reviewHoldStatuses,
  placementAmendmentStatuses,
  allocationRoundStates,
} from "../schema-enums";

export * from "../schema-enums";

/** Text UUID primary key, generated in JS so that inserts can return it without a round trip. */
const id = () =>
  text()
    .primaryKey()
    .$defaultFn(() => crypto.randomUUID());

/** SQLite's integer timestamp_ms: a Date with millisecond precision. */
const timestampMs = () => timestamp({ withTimezone: true, precision: 3, mode: "date" });

/** PostgreSQL's stand-in for SQLite's implicit rowid: an increasing integer, unique, given by the database. */
const rowid = () => bigint({ mode: "number" }).generatedAlwaysAsIdentity();

const timestamps = {
  createdAt: timestampMs()
    .notNull()
    .defaultNow(),
  updatedAt: timestampMs()
    .notNull()
    .defaultNow()
    .$onUpdateFn(() => new Date()),
};

// ---------------------------------------------------------------------------
// Reference taxonomies (loaded from db/reference/*.json, see SOURCES.md there)
// ---------------------------------------------------------------------------


/** GB/T 2260 administrative divisions (NBS 2023 statistical codes). */
export const regions = pgTable(
  "regions",
  {
    code: text().primaryKey(),
    name: text().notNull(),
    parentCode: text(),
    level: text({ enum: regionLevels }).notNull(),
    provinceCode: text().notNull(),
    cityCode: text(),
    /** regular | placeholder | development_zone | special (see SOURCES.md) */
    kind: text().notNull(),
  },
  (t) => [index("regions_parent_code_idx").on(t.parentCode), index("regions_name_idx").on(t.name)],
);


/** 《职业教育专业目录》: 专业大类 (category) → 专业类 (class) → 专业 (major), per education level. */
export const specialties = pgTable(
  "specialties",
  {
    code: text().primaryKey(),
    name: text().notNull(),
    parentCode: text(),
    level: text({ enum: specialtyLevels }).notNull(),
    educationLevel: text({ enum: educationLevels }).notNull(),
    /** Level-independent key of the group (2 digits) or class (4 digits): 5102, 7102 and 3102 share 1102. */
    domainCode: text().notNull(),
    nationalControl: boolean().notNull().default(false),
    catalogVersion: text().notNull(),
  },
  (t) => [
    index("specialties_parent_code_idx").on(t.parentCode),
    index("specialties_domain_code_idx").on(t.domainCode),
  ],
);


/** GB/T 4754-2017: 门类 (section) → 大类 (division) → 中类 (group) → 小类 (class). */
export const industries = pgTable(
  "industries",
  {
    code: text().primaryKey(),
    name: text().notNull(),
    parentCode: text(),
    level: text({ enum: industryLevels }).notNull(),
    sectionCode: text().notNull(),
    description: text(),
  },
  (t) => [index("industries_parent_code_idx").on(t.parentCode)],
);

/** Curated crosswalk 专业类 (by domainCode) → industry 大类; editable by administrators. */
export const specialtyIndustryMap = pgTable("specialty_industry_map", {
  domainCode: text().primaryKey(),
  className: text().notNull(),
  primaryDivisions: jsonb().$type<string[]>().notNull(),
  relatedDivisions: jsonb().$type<string[]>().notNull(),
  version: integer().notNull().default(1),
  ...timestamps,
});

/** Versions and checksums of what was loaded, so a changed reference file is reloaded on start. */
export const referenceMeta = pgTable("reference_meta", {
  key: text().primaryKey(),
  value: text().notNull(),
});

// ---------------------------------------------------------------------------
// Accounts and organisations
// ---------------------------------------------------------------------------


export const users = pgTable(
  "users",
  {
    id: id(),
    email: text().unique(),
    mobile: text().unique(),
    name: text().notNull(),
    passwordHash: text().notNull(),
    role: text({ enum: userRoles }).notNull(),
    /** Sessions: carried in the session token and compared on each request; bumped to end every session. */
    sessionVersion: integer().notNull().default(0),
    ...timestamps,
  },
  (t) => [index("users_role_idx").on(t.role)],
);


export const organisations = pgTable(
  "organisations",
  {
    id: id(),
    kind: text({ enum: organisationKinds }).notNull(),
    name: text().notNull(),
    /** 学校标识码 (10 digits, issued by the Ministry of Education); schools only. */
    schoolCode: text().unique(),
    schoolLevel: text({ enum: educationLevels }),
    /** 统一社会信用代码 (GB 32100-2015); enterprises only. */
    uscc: text().unique(),
    industryCode: text().references(() => industries.code),
    staffCount: integer(),
    /** Certified 产教融合型企业. */
    integrationCertified: boolean().notNull().default(false),
    regionCode: text()
      .notNull()
      .references(() => regions.code),
    address: text().notNull(),
    description: text().notNull().default(""),
    contactName: text().notNull().default(""),
    contactPhone: text().notNull().default(""),
    website: text().notNull().default(""),
    verificationStatus: text({ enum: verificationStatuses }).notNull().default("pending"),
    /** What the organisation supplies for verification: licence numbers, permits, where to check them. */
    verificationEvidence: text().notNull().default(""),
    rejectionReason: text(),
    reviewedAt: timestampMs(),
    reviewedBy: text().references(() => users.id, { onDelete: "set null" }),
    ...timestamps,
  },
  (t) => [
    index("organisations_kind_status_idx").on(t.kind, t.verificationStatus),
    index("organisations_region_code_idx").on(t.regionCode),
  ],
);


export const memberships = pgTable(
  "memberships",
  {
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    organisationId: text()
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    role: text({ enum: membershipRoles }).notNull(),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.organisationId] }),
    index("memberships_organisation_id_idx").on(t.organisationId),
  ],
);

/** The specialties a school runs (its programmes); the detailed cohorts are published as postings. */
export const schoolSpecialties = pgTable(
  "school_specialties",
  {
    organisationId: text()
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    specialtyCode: text()
      .notNull()
      .references(() => specialties.code),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.specialtyCode] }),
    index("school_specialties_specialty_code_idx").on(t.specialtyCode),
  ],
);

/** Codes that a school's staff hand to students so that they can join the school. */
export const invitations = pgTable(
  "invitations",
  {
    id: id(),
    organisationId: text()
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    code: text().notNull(),
    label: text().notNull().default(""),
    maxUses: integer().notNull(),
    usedCount: integer().notNull().default(0),
    expiresAt: timestampMs().notNull(),
    revokedAt: timestampMs(),
    createdBy: text().references(() => users.id, { onDelete: "set null" }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("invitations_code_idx").on(t.code),
    index("invitations_organisation_id_idx").on(t.organisationId),
  ],
);

export const studentProfiles = pgTable(
  "student_profiles",
  {
    userId: text()
      .primaryKey()
      .references(() => users.id, { onDelete: "cascade" }),
    schoolId: text()
      .notNull()
      .references(() => organisations.id),
    specialtyCode: text()
      .notNull()
      .references(() => specialties.code),
    enrolmentYear: integer().notNull(),
    /** ISO date YYYY-MM-DD; personal data, shown only to those allowed. */
    birthDate: text().notNull(),
    preferredRegions: jsonb().$type<string[]>().notNull().default([]),
    bio: text().notNull().default(""),
    /** The school's county, copied by triggers (drizzle/pg, triggers_and_search) so matching can filter students by place from an index. */
    schoolRegionCode: text(),
    visibleToEnterprises: boolean().notNull().default(false),
    skills: text().notNull().default(""),
    /** Certificates held, e.g. 1+X 职业技能等级证书 names. */
    certificates: jsonb().$type<string[]>().notNull().default([]),
    /** The CV attachment (the PDF itself is in student_cvs, below): its original name and size. */
    cvFileName: text(),
    cvFileSize: integer(),
    cvUploadedAt: timestampMs(),
    invitationId: text().references(() => invitations.id, { onDelete: "set null" }),
    ...timestamps,
  },
  (t) => [
    index("student_profiles_school_id_idx").on(t.schoolId),
    index("student_profiles_specialty_code_idx").on(t.specialtyCode),
    // Matching students to a posting: the visible students of a specialty near a place, in user order, from the index alone.
    index("student_profiles_match_idx").on(t.specialtyCode, t.visibleToEnterprises, t.schoolRegionCode, t.userId),
  ],
);

// ---------------------------------------------------------------------------
// Postings: what schools and enterprises publish
// ---------------------------------------------------------------------------

/**
 * One table for every kind of posting. The columns are what search, matching and the rules filter on;
 * the fields only one kind has live in `details` (JSON, validated by that kind's zod schema).
 * Region and industry ancestors are denormalised so that "a province includes its counties" and
 * "an industry division includes its classes" are plain indexed equality filters.
 */
export const postings = pgTable(
  "postings",
  {
    id: id(),
    /** PostgreSQL only: SQLite's implicit rowid, the in-memory search index's key (`select rowid from postings` on both). */
    rowid: rowid(),
    organisationId: text()
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    kind: text({ enum: postingKinds }).notNull(),
    status: text({ enum: postingStatuses }).notNull().default("draft"),
    title: text().notNull(),
    description: text().notNull(),
    regionCode: text()
      .notNull()
      .references(() => regions.code),
    provinceCode: text().notNull(),
    cityCode: text().notNull(),
    address: text().notNull(),
    industryCode: text()
      .notNull()
      .references(() => industries.code),
    /** GB/T 4754 大类 (2 digits) of industryCode. */
    industryDivision: text().notNull(),
    quantity: integer().notNull(),
    /** Monthly pay in CNY where the kind has one (placement internships, apprenticeships); for sorting and filters. */
    monthlyPay: integer(),
    startDate: text().notNull(),
    endDate: text().notNull(),
    applyBy: text().notNull(),
    contactName: text().notNull(),
    contactPhone: text().notNull(),
    details: jsonb().$type<Record<string, unknown>>().notNull(),
    /**
     * Whether the organisation is verified, copied by triggers (drizzle/pg, triggers_and_search) and touching
     * updated_at, so search, pages and recommendations drop an unverified host's postings at once.
     */
    hostVerified: boolean().notNull().default(true),
    /** The host's declared post (岗位) a placement internship is for, counted against its 20% cap (issue 14; null on older postings). */
    postId: text().references(() => hostPosts.id),
    /** When repeated reports took the posting out of search and back to review (issue 14); cleared by the review. */
    suspendedAt: timestampMs(),
    rejectionReason: text(),
    submittedAt: timestampMs(),
    publishedAt: timestampMs(),
    reviewedBy: text().references(() => users.id, { onDelete: "set null" }),
    createdBy: text().references(() => users.id, { onDelete: "set null" }),
    ...timestamps,
  },
  (t) => [
    index("postings_organisation_id_status_idx").on(t.organisationId, t.status),
    index("postings_status_submitted_at_idx").on(t.status, t.submittedAt),
    index("postings_status_apply_by_idx").on(t.status, t.applyBy),
    // The search index catches up with writes by reading rows changed since it last looked.
    index("postings_updated_at_idx").on(t.updatedAt),
    // Covering index of the supply–demand report's demand side, and the overview's groupings. host_verified last
    // (W1 follow-up of issue 13): the report leaves out unverified hosts' seats and stays index-only.
    index("postings_demand_idx").on(t.status, t.kind, t.applyBy, t.provinceCode, t.cityCode, t.industryDivision, t.quantity, t.hostVerified),
    index("postings_kind_idx").on(t.kind),
    index("postings_post_id_idx").on(t.postId, t.status),
    index("postings_status_province_idx").on(t.status, t.provinceCode),
    // PostgreSQL only (SQLite's rowid is the table's key).
    uniqueIndex("postings_rowid_idx").on(t.rowid),
  ],
);

export const postingSpecialties = pgTable(
  "posting_specialties",
  {
    postingId: text()
      .notNull()
      .references(() => postings.id, { onDelete: "cascade" }),
    specialtyCode: text()
      .notNull()
      .references(() => specialties.code),
    /** Level-independent class (4) and group (2) keys, so that a class or group filter is one lookup. */
    classDomain: text().notNull(),
    groupDomain: text().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.postingId, t.specialtyCode] }),
    index("posting_specialties_specialty_code_idx").on(t.specialtyCode),
    index("posting_specialties_class_domain_idx").on(t.classDomain),
  ],
);

// ---------------------------------------------------------------------------
// Applications and placements: from a student's application to the completed placement
// ---------------------------------------------------------------------------

export const applications = pgTable(
  "applications",
  {
    id: id(),
    postingId: text()
      .notNull()
      .references(() => postings.id, { onDelete: "cascade" }),
    studentId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** The student's school and the posting's organisation when the application was made (for listings). */
    schoolId: text()
      .notNull()
      .references(() => organisations.id),
    hostId: text()
      .notNull()
      .references(() => organisations.id),
    coverNote: text().notNull().default(""),
    status: text({ enum: applicationStatuses }).notNull().default("submitted"),
    rejectionReason: text(),
    interviewAt: timestampMs(),
    interviewLocation: text(),
    offerStartDate: text(),
    offerNote: text(),
    ...timestamps,
  },
  (t) => [
    // One application in play per student and posting; a withdrawn one does not block applying again.
    uniqueIndex("applications_posting_student_idx").on(t.postingId, t.studentId).where(sql`status <> 'withdrawn'`),
    index("applications_student_id_idx").on(t.studentId),
    index("applications_host_id_status_idx").on(t.hostId, t.status),
    index("applications_school_id_idx").on(t.schoolId),
  ],
);

export const placements = pgTable(
  "placements",
  {
    id: id(),
    applicationId: text()
      .notNull()
      .unique()
      .references(() => applications.id, { onDelete: "cascade" }),
    postingId: text()
      .notNull()
      .references(() => postings.id, { onDelete: "cascade" }),
    studentId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    schoolId: text()
      .notNull()
      .references(() => organisations.id),
    hostId: text()
      .notNull()
      .references(() => organisations.id),
    status: text({ enum: placementStatuses }).notNull().default("pending_approval"),
    startDate: text().notNull(),
    endDate: text().notNull(),
    schoolApprovedAt: timestampMs(),
    schoolApprovedBy: text().references(() => users.id, { onDelete: "set null" }),
    schoolTutorId: text().references(() => users.id, { onDelete: "set null" }),
    hostTutorId: text().references(() => users.id, { onDelete: "set null" }),
    insurer: text(),
    insurancePolicyNumber: text(),
    insurancePaidBy: text({ enum: placementInsurancePayers }),
    insuranceRecordedBy: text().references(() => users.id, { onDelete: "set null" }),
    studentConsentAt: timestampMs(),
    guardianName: text(),
    guardianRelation: text(),
    guardianConsentAt: timestampMs(),
    /** The agreement is derived from the parties' data; each confirmation holds the digest of the text confirmed. */
    studentConfirmedDigest: text(),
    studentConfirmedAt: timestampMs(),
    schoolConfirmedDigest: text(),
    schoolConfirmedAt: timestampMs(),
    schoolConfirmedBy: text().references(() => users.id, { onDelete: "set null" }),
    hostConfirmedDigest: text(),
    hostConfirmedAt: timestampMs(),
    hostConfirmedBy: text().references(() => users.id, { onDelete: "set null" }),
    /** The agreement as it stood when the placement started; it no longer follows later edits. */
    agreementSnapshot: jsonb().$type<Record<string, unknown>>(),
    startedAt: timestampMs(),
    completedAt: timestampMs(),
    terminatedAt: timestampMs(),
    terminationReason: text(),
    /** The school's reason for a 岗位实习 longer than six months, recorded when it approves (issue 14, dates). */
    longPlacementReason: text(),
    /** The host hired the student after the placement (recorded by the host; counted in outcome reports). */
    hiredAfter: boolean().notNull().default(false),
    ...timestamps,
  },
  (t) => [
    index("placements_posting_id_status_idx").on(t.postingId, t.status),
    index("placements_host_id_status_idx").on(t.hostId, t.status),
    index("placements_school_id_status_idx").on(t.schoolId, t.status),
    index("placements_student_id_idx").on(t.studentId),
  ],
);

/** 周志: the student's weekly log, one per week (keyed by the week's Monday). */
export const weeklyLogs = pgTable(
  "weekly_logs",
  {
    id: id(),
    placementId: text()
      .notNull()
      .references(() => placements.id, { onDelete: "cascade" }),
    weekStart: text().notNull(),
    content: text().notNull(),
    ...timestamps,
  },
  (t) => [uniqueIndex("weekly_logs_placement_week_idx").on(t.placementId, t.weekStart)],
);

export const logComments = pgTable(
  "log_comments",
  {
    id: id(),
    logId: text()
      .notNull()
      .references(() => weeklyLogs.id, { onDelete: "cascade" }),
    authorId: text().references(() => users.id, { onDelete: "set null" }),
    party: text({ enum: placementParties }).notNull(),
    content: text().notNull(),
    ...timestamps,
  },
  (t) => [index("log_comments_log_id_idx").on(t.logId)],
);

/** End-of-placement evaluations: by the school tutor, by the host tutor, and the student's rating of the host. */
export const evaluations = pgTable(
  "evaluations",
  {
    placementId: text()
      .notNull()
      .references(() => placements.id, { onDelete: "cascade" }),
    party: text({ enum: placementParties }).notNull(),
    authorId: text().references(() => users.id, { onDelete: "set null" }),
    /** 1–5. */
    score: integer().notNull(),
    comment: text().notNull(),
    ...timestamps,
  },
  (t) => [primaryKey({ columns: [t.placementId, t.party] })],
);

/** The in-app notification centre: one row per person concerned by a state change. */
export const notifications = pgTable(
  "notifications",
  {
    id: id(),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** A message key under "notify." with its parameters, so each reader gets it in their language. */
    type: text().notNull(),
    params: jsonb().$type<Record<string, string>>().notNull(),
    link: text().notNull(),
    readAt: timestampMs(),
    ...timestamps,
  },
  (t) => [index("notifications_user_id_created_at_idx").on(t.userId, t.createdAt)],
);

// ---------------------------------------------------------------------------
// Cooperation: proposals between organisations and the projects they become
// ---------------------------------------------------------------------------

export const cooperationProposals = pgTable(
  "cooperation_proposals",
  {
    id: id(),
    fromOrganisationId: text()
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    toOrganisationId: text()
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    /** The posting the proposal answers, when it answers one (e.g. a school answering an order-class offer). */
    postingId: text().references(() => postings.id, { onDelete: "set null" }),
    kind: text({ enum: cooperationKinds }).notNull(),
    title: text().notNull(),
    status: text({ enum: proposalStatuses }).notNull().default("open"),
    createdBy: text().references(() => users.id, { onDelete: "set null" }),
    ...timestamps,
  },
  (t) => [index("cooperation_proposals_from_idx").on(t.fromOrganisationId), index("cooperation_proposals_to_idx").on(t.toOrganisationId)],
);

/** The message thread of a proposal. */
export const proposalMessages = pgTable(
  "proposal_messages",
  {
    id: id(),
    proposalId: text()
      .notNull()
      .references(() => cooperationProposals.id, { onDelete: "cascade" }),
    organisationId: text()
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    authorId: text().references(() => users.id, { onDelete: "set null" }),
    body: text().notNull(),
    ...timestamps,
  },
  (t) => [index("proposal_messages_proposal_id_idx").on(t.proposalId)],
);

/** An accepted cooperation: the ledger entry of both organisations. */
export const cooperationProjects = pgTable(
  "cooperation_projects",
  {
    id: id(),
    proposalId: text().references(() => cooperationProposals.id, { onDelete: "set null" }),
    kind: text({ enum: cooperationKinds }).notNull(),
    title: text().notNull(),
    schoolId: text()
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    enterpriseId: text()
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    startDate: text().notNull(),
    endDate: text().notNull(),
    /** Agreements, plans and other documents: names and links, one per line. */
    documents: text().notNull().default(""),
    /** Students and mentors involved, for the participation reports. */
    studentCount: integer().notNull().default(0),
    mentorCount: integer().notNull().default(0),
    status: text({ enum: projectStatuses }).notNull().default("active"),
    ...timestamps,
  },
  (t) => [index("cooperation_projects_school_id_idx").on(t.schoolId), index("cooperation_projects_enterprise_id_idx").on(t.enterpriseId)],
);

// ---------------------------------------------------------------------------
// Administration: audit log and the map's history
// ---------------------------------------------------------------------------

/** Sensitive actions: verification, review decisions, map edits, exports of personal data. Append-only. */
export const auditLog = pgTable(
  "audit_log",
  {
    id: id(),
    actorId: text().references(() => users.id, { onDelete: "set null" }),
    action: text().notNull(),
    targetType: text().notNull(),
    targetId: text().notNull(),
    summary: text().notNull(),
    details: jsonb().$type<Record<string, unknown>>().notNull(),
    createdAt: timestamps.createdAt,
  },
  (t) => [index("audit_log_created_at_idx").on(t.createdAt), index("audit_log_action_idx").on(t.action)],
);

/** Every edit of the specialty→industry map, with the rows before and after. */
export const specialtyIndustryMapHistory = pgTable(
  "specialty_industry_map_history",
  {
    id: id(),
    domainCode: text().notNull(),
    before: jsonb().$type<{ primaryDivisions: string[]; relatedDivisions: string[] }>().notNull(),
    after: jsonb().$type<{ primaryDivisions: string[]; relatedDivisions: string[] }>().notNull(),
    changedBy: text().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamps.createdAt,
  },
  (t) => [index("specialty_industry_map_history_domain_idx").on(t.domainCode)],
);

/**
 * Students by school region (county), specialty class and graduation year, kept exact by triggers on
 * student_profiles and organisations (drizzle/pg, triggers_and_search): the supply side of the supply–demand report reads
 * this instead of counting a million profiles.
 */
export const studentSupply = pgTable(
  "student_supply",
  {
    regionCode: text().notNull(),
    classCode: text().notNull(),
    graduationYear: integer().notNull(),
    n: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.classCode, t.graduationYear] })],
);

// ---------------------------------------------------------------------------
// Students' personal data: who read it (issue 13, server/students/visibility.ts)
// ---------------------------------------------------------------------------

/** What of a student's personal data was read: the applicant profile (with contact), contact data alone, the CV. */

/**
 * Every read of a student's contact data or CV by anyone other than the student and the staff of their own
 * school (hosts through an application or placement, administrators). Append-only; the student reads it.
 */
export const studentAccessLog = pgTable(
  "student_access_log",
  {
    id: id(),
    studentId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    viewerId: text().references(() => users.id, { onDelete: "set null" }),
    viewerRole: text({ enum: userRoles }).notNull(),
    /** The organisation the viewer read for (the host); null for administrators. */
    viewerOrganisationId: text().references(() => organisations.id, { onDelete: "set null" }),
    what: text({ enum: studentAccessKinds }).notNull(),
    createdAt: timestamps.createdAt,
  },
  (t) => [index("student_access_log_student_idx").on(t.studentId, t.createdAt)],
);

// ---------------------------------------------------------------------------
// Review holds (issue 13, M7): a material change to a published posting or a verified organisation
// waits for an administrator while the approved version stays in force; every version is kept.
// ---------------------------------------------------------------------------


/** A submitted version of a published posting (the owner's full form values), reviewed before it is shown. */
export const postingRevisions = pgTable(
  "posting_revisions",
  {
    id: id(),
    postingId: text()
      .notNull()
      .references(() => postings.id, { onDelete: "cascade" }),
    version: integer().notNull(),
    values: jsonb().$type<Record<string, unknown>>().notNull(),
    status: text({ enum: reviewHoldStatuses }).notNull().default("pending"),
    submittedBy: text().references(() => users.id, { onDelete: "set null" }),
    reviewedBy: text().references(() => users.id, { onDelete: "set null" }),
    reviewedAt: timestampMs(),
    reason: text(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("posting_revisions_posting_version_idx").on(t.postingId, t.version),
    // At most one change waits per posting: a newer one supersedes it.
    uniqueIndex("posting_revisions_one_pending_idx").on(t.postingId).where(sql`status = 'pending'`),
    index("posting_revisions_status_idx").on(t.status, t.createdAt),
  ],
);

/** A held change to a verified organisation's verified facts (name, USCC, industry, staff count, 产教融合型企业). */
export const organisationChanges = pgTable(
  "organisation_changes",
  {
    id: id(),
    organisationId: text()
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    values: jsonb().$type<Record<string, unknown>>().notNull(),
    status: text({ enum: reviewHoldStatuses }).notNull().default("pending"),
    submittedBy: text().references(() => users.id, { onDelete: "set null" }),
    reviewedBy: text().references(() => users.id, { onDelete: "set null" }),
    reviewedAt: timestampMs(),
    reason: text(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("organisation_changes_one_pending_idx").on(t.organisationId).where(sql`status = 'pending'`),
    index("organisation_changes_organisation_idx").on(t.organisationId, t.createdAt),
  ],
);

// ---------------------------------------------------------------------------
// Intern protection (issue 14, items 5, 8, 9): declared posts, pay actually paid, complaints, reports
// ---------------------------------------------------------------------------

/** A post (岗位) a host declares with the staff on it: the 20% cap counts across every posting naming it. */
export const hostPosts = pgTable(
  "host_posts",
  {
    id: id(),
    organisationId: text()
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    name: text().notNull(),
    staffCount: integer().notNull(),
    createdBy: text().references(() => users.id, { onDelete: "set null" }),
    ...timestamps,
  },
  (t) => [uniqueIndex("host_posts_organisation_name_idx").on(t.organisationId, t.name)],
);

/** What the host paid for one month of a placement, and the student's answer. One row per placement and month. */
export const payRecords = pgTable(
  "pay_records",
  {
    id: id(),
    placementId: text()
      .notNull()
      .references(() => placements.id, { onDelete: "cascade" }),
    /** The month paid for, YYYY-MM. */
    month: text().notNull(),
    /** Whole CNY actually paid. */
    amount: integer().notNull(),
    /** YYYY-MM-DD. */
    paidOn: text().notNull(),
    recordedBy: text().references(() => users.id, { onDelete: "set null" }),
    studentResponse: text({ enum: payResponses }),
    studentNote: text(),
    respondedAt: timestampMs(),
    ...timestamps,
  },
  (t) => [uniqueIndex("pay_records_placement_month_idx").on(t.placementId, t.month)],
);

/**
 * 实习权益投诉: a student's (or guardian's, through the student's account) complaint about a placement, read
 * by the school and administrators only, never by the host. School and host are copied so that the record
 * stands on its own for the education authority (placement, school, host, category, dates, status).
 */
export const complaints = pgTable(
  "complaints",
  {
    id: id(),
    placementId: text()
      .notNull()
      .references(() => placements.id, { onDelete: "cascade" }),
    studentId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    schoolId: text()
      .notNull()
      .references(() => organisations.id),
    hostId: text()
      .notNull()
      .references(() => organisations.id),
    category: text({ enum: complaintCategories }).notNull(),
    /** Who wrote it: the student, or their guardian using the student's account. */
    reporter: text({ enum: ["student", "guardian"] }).notNull().default("student"),
    description: text().notNull(),
    status: text({ enum: complaintStatuses }).notNull().default("submitted"),
    /** The day (YYYY-MM-DD, China) by which the school or an administrator must first reply. */
    replyDueOn: text().notNull(),
    firstRepliedAt: timestampMs(),
    resolvedAt: timestampMs(),
    closedAt: timestampMs(),
    ...timestamps,
  },
  (t) => [
    index("complaints_school_id_status_idx").on(t.schoolId, t.status),
    index("complaints_status_created_at_idx").on(t.status, t.createdAt),
    index("complaints_placement_id_idx").on(t.placementId),
    index("complaints_student_id_idx").on(t.studentId),
  ],
);

/** Replies and status changes on a complaint, by the student, the school's staff or an administrator. */
export const complaintReplies = pgTable(
  "complaint_replies",
  {
    id: id(),
    /** PostgreSQL only: SQLite's implicit rowid, which orders replies written in the same millisecond. */
    rowid: rowid(),
    complaintId: text()
      .notNull()
      .references(() => complaints.id, { onDelete: "cascade" }),
    authorId: text().references(() => users.id, { onDelete: "set null" }),
    side: text({ enum: ["student", "school", "admin"] }).notNull(),
    body: text().notNull(),
    /** The status the complaint moved to with this reply, when it moved. */
    status: text({ enum: complaintStatuses }),
    createdAt: timestamps.createdAt,
  },
  (t) => [
    index("complaint_replies_complaint_id_idx").on(t.complaintId, t.createdAt),
    // PostgreSQL only (SQLite's rowid is the table's key).
    uniqueIndex("complaint_replies_rowid_idx").on(t.rowid),
  ],
);

/**
 * Reports of a posting by anyone, signed in or not. One per reporter (a user, or an address for anonymous
 * reporters) and round; the reports that suspended a posting are closed with it, so after a review it takes
 * new reports to suspend it again.
 */
export const postingReports = pgTable(
  "posting_reports",
  {
    id: id(),
    postingId: text()
      .notNull()
      .references(() => postings.id, { onDelete: "cascade" }),
    reporterId: text().references(() => users.id, { onDelete: "set null" }),
    /** "user:<id>" or "addr:<hash of the address>": distinct reporters are distinct keys. */
    reporterKey: text().notNull(),
    reason: text({ enum: postingReportReasons }).notNull(),
    note: text().notNull().default(""),
    /** Set when the posting was suspended for review on these reports. */
    closedAt: timestampMs(),
    createdAt: timestamps.createdAt,
  },
  (t) => [
    uniqueIndex("posting_reports_open_reporter_idx").on(t.postingId, t.reporterKey).where(sql`closed_at is null`),
    index("posting_reports_posting_id_idx").on(t.postingId, t.createdAt),
  ],
);

// ── Sessions and password resets (issue 13, sessions) ─────────────────────────────────────────────────────

/**
 * One-time password reset codes: issued by a student's school staff (or an administrator, for staff), shown
 * once, stored only as a SHA-256 digest. A new code replaces the user's unused ones; using one ends every
 * session of the user.
 */
export const passwordResetCodes = pgTable(
  "password_reset_codes",
  {
    id: id(),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    codeHash: text().notNull(),
    issuedBy: text().references(() => users.id, { onDelete: "set null" }),
    expiresAt: timestampMs().notNull(),
    usedAt: timestampMs(),
    createdAt: timestamps.createdAt,
  },
  (t) => [index("password_reset_codes_user_idx").on(t.userId)],
);

// ---------------------------------------------------------------------------
// Placement dates (issue 14, item 7): a changed end date (extension or early end) by tripartite amendment
// ---------------------------------------------------------------------------


/**
 * A proposed new end date of a placement, with the reason, proposed by the school or the host and applied
 * only once the student, the school and the host have all confirmed it (协议的变更须经三方协商一致).
 */
export const placementAmendments = pgTable(
  "placement_amendments",
  {
    id: id(),
    placementId: text()
      .notNull()
      .references(() => placements.id, { onDelete: "cascade" }),
    previousEndDate: text().notNull(),
    newEndDate: text().notNull(),
    reason: text().notNull(),
    proposedBy: text().references(() => users.id, { onDelete: "set null" }),
    status: text({ enum: placementAmendmentStatuses }).notNull().default("pending"),
    studentConfirmedAt: timestampMs(),
    schoolConfirmedAt: timestampMs(),
    schoolConfirmedBy: text().references(() => users.id, { onDelete: "set null" }),
    hostConfirmedAt: timestampMs(),
    hostConfirmedBy: text().references(() => users.id, { onDelete: "set null" }),
    appliedAt: timestampMs(),
    ...timestamps,
  },
  (t) => [
    index("placement_amendments_placement_idx").on(t.placementId, t.createdAt),
    // One proposal waits at a time; a newer one supersedes it.
    uniqueIndex("placement_amendments_one_pending_idx").on(t.placementId).where(sql`status = 'pending'`),
  ],
);

// ---------------------------------------------------------------------------
// Stored CVs (issue 17, item 2): the PDF itself in the database, so that any instance can serve it
// ---------------------------------------------------------------------------

/** bytea as a Node Buffer, as SQLite's blob({ mode: "buffer" }) gives it (drizzle 0.45's pg-core has no bytea). */
const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });

/**
 * The bytes of a student's CV attachment (at most 2 MB and a plain PDF: server/students/cv.ts checks before
 * writing); its display name, size and upload time stay on student_profiles. BLOB here, bytea on PostgreSQL.
 */
export const studentCvs = pgTable("student_cvs", {
  userId: text()
    .primaryKey()
    .references(() => studentProfiles.userId, { onDelete: "cascade" }),
  content: bytea().notNull(),
  createdAt: timestamps.createdAt,
});

// ---------------------------------------------------------------------------
// Shared rate limits (issue 17, item 2): sign-in failures and attempt windows that every instance counts in
// ---------------------------------------------------------------------------

/**
 * Used on PostgreSQL only (server/security/rate-limit.ts): several instances must share one allowance. On SQLite
 * the app is one process and keeps its counts in memory, so this table exists there (the schemas are twins) and
 * stays empty. One row per counter and key; `key` is a hash (no account or address in clear). Failure counters
 * use `count`/`last_at`; attempt windows keep their most recent attempts' times in `hits` (a JSON array of ms).
 * Rows past `expires_at` count for nothing and are pruned.
 */
export const rateLimits = pgTable(
  "rate_limits",
  {
    key: text().primaryKey(),
    count: integer().notNull(),
    lastAt: bigint({ mode: "number" }).notNull(),
    hits: text(),
    expiresAt: bigint({ mode: "number" }).notNull(),
  },
  (t) => [index("rate_limits_expires_at_idx").on(t.expiresAt)],
);

// ---------------------------------------------------------------------------
// Allocation rounds (issue 21): a school places a cohort by student-proposing deferred acceptance
// (server/allocation). Every input, the seed and the result are also in the audit log.
// ---------------------------------------------------------------------------

/** One round for one cohort of one school: the students who rank, the postings they rank, the deadlines. */
export const allocationRounds = pgTable(
  "allocation_rounds",
  {
    id: id(),
    schoolId: text()
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    name: text().notNull(),
    /** The cohort: graduation year, and a specialty (6 digits) or a specialty class (专业类, 4 digits), or both. */
    graduationYear: integer().notNull(),
    specialtyCode: text(),
    specialtyClass: text(),
    maxChoices: integer().notNull(),
    /** YYYY-MM-DD, last day included (China time). */
    studentDeadline: text().notNull(),
    hostDeadline: text().notNull(),
    state: text({ enum: allocationRoundStates }).notNull().default("draft"),
    /** The lottery's seed, set when computed and published with the result. */
    seed: integer(),
    /** A second round for the students the first left unassigned: only they take part. */
    previousRoundId: text(),
    /** Rank-achieved distribution and unassigned students, as computed. */
    summary: jsonb().$type<{ distribution: number[]; unassigned: number; assigned: number }>(),
    computedAt: timestampMs(),
    publishedAt: timestampMs(),
    createdBy: text().references(() => users.id, { onDelete: "set null" }),
    ...timestamps,
  },
  (t) => [index("allocation_rounds_school_id_idx").on(t.schoolId)],
);

/** The postings in a round and the seats reserved for it (taken out of open applications while it runs). */
export const allocationRoundPostings = pgTable(
  "allocation_round_postings",
  {
    roundId: text()
      .notNull()
      .references(() => allocationRounds.id, { onDelete: "cascade" }),
    postingId: text()
      .notNull()
      .references(() => postings.id, { onDelete: "cascade" }),
    seats: integer().notNull(),
    /** Seats the round may fill after the 10% and 20% caps, as computed. */
    capacity: integer(),
    limitedBy: text(),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.postingId] }), index("allocation_round_postings_posting_id_idx").on(t.postingId)],
);

/** A student's choices, best first (rank 1..N). */
export const allocationStudentRankings = pgTable(
  "allocation_student_rankings",
  {
    roundId: text()
      .notNull()
      .references(() => allocationRounds.id, { onDelete: "cascade" }),
    studentId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    postingId: text()
      .notNull()
      .references(() => postings.id, { onDelete: "cascade" }),
    rank: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.studentId, t.postingId] }), uniqueIndex("allocation_student_rankings_round_student_rank_idx").on(t.roundId, t.studentId, t.rank)],
);

/** A host's ranking of the students who ranked one of its postings, or its mark that one is unacceptable. */
export const allocationHostRankings = pgTable(
  "allocation_host_rankings",
  {
    roundId: text()
      .notNull()
      .references(() => allocationRounds.id, { onDelete: "cascade" }),
    postingId: text()
      .notNull()
      .references(() => postings.id, { onDelete: "cascade" }),
    studentId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** 1 = most wanted; null: acceptable, unranked (the lottery orders them). */
    rank: integer(),
    unacceptable: boolean().notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.postingId, t.studentId] })],
);

/** Each student's outcome: the posting obtained (or none), the choice, why not the higher ones, the offer made. */
export const allocationResults = pgTable(
  "allocation_results",
  {
    roundId: text()
      .notNull()
      .references(() => allocationRounds.id, { onDelete: "cascade" }),
    studentId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    postingId: text().references(() => postings.id, { onDelete: "cascade" }),
    choice: integer(),
    whyNot: jsonb().$type<unknown[]>().notNull(),
    applicationId: text().references(() => applications.id, { onDelete: "set null" }),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.studentId] }), index("allocation_results_posting_id_idx").on(t.postingId)],
);

// ---------------------------------------------------------------------------
// Report aggregates (issue 17 item 5, issue 20 item 3): kept exact by triggers (drizzle custom migrations
// "reports_custom"), so the supply–demand report and the administrators' overview read a few thousand rows
// instead of scanning a million postings and students. Read by server/reports/* through raw SQL.
// ---------------------------------------------------------------------------

/**
 * Each open demand posting's share of demand per specialty class: its open seats (quantity − seats held by
 * placements) shared out over the classes it names (evenly, the remainder to the first classes by code), or
 * over the map's classes for its industry division when it names none (`inferred`). What the triggers
 * subtract when the posting changes; report_demand sums it.
 */
export const reportPostingDemand = pgTable(
  "report_posting_demand",
  {
    postingId: text().notNull(),
    classCode: text().notNull(),
    inferred: boolean().notNull(),
    applyBy: text().notNull(),
    provinceCode: text().notNull(),
    cityCode: text().notNull(),
    seats: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.postingId, t.classCode] })],
);

/** Open seats by apply-by date, city and class (named or inferred): the report sums the dates from today on. */
export const reportDemand = pgTable(
  "report_demand",
  {
    applyBy: text().notNull(),
    provinceCode: text().notNull(),
    cityCode: text().notNull(),
    classCode: text().notNull(),
    inferred: boolean().notNull(),
    seats: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.applyBy, t.provinceCode, t.cityCode, t.classCode, t.inferred] }), index("report_demand_province_idx").on(t.provinceCode, t.applyBy)],
);

/** Students by graduation year, city and class: student_supply (by county) rolled up, kept by triggers on it. */
export const reportSupply = pgTable(
  "report_supply",
  {
    graduationYear: integer().notNull(),
    provinceCode: text().notNull(),
    cityCode: text().notNull(),
    classCode: text().notNull(),
    n: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.graduationYear, t.provinceCode, t.cityCode, t.classCode] })],
);

/** Postings by status, kind and province (the overview's counts and top provinces). */
export const reportPostingCounts = pgTable(
  "report_posting_counts",
  {
    status: text().notNull(),
    kind: text().notNull(),
    provinceCode: text().notNull(),
    n: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.status, t.kind, t.provinceCode] })],
);

/** Applications and placements by status (subject "applications" | "placements"). */
export const reportStatusCounts = pgTable(
  "report_status_counts",
  {
    subject: text().notNull(),
    status: text().notNull(),
    n: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.subject, t.status] })],
);

// ---------------------------------------------------------------------------
// Search index snapshots (issue 17, item 3): an instance starts from the newest snapshot and the change feed
// ---------------------------------------------------------------------------

/**
 * The in-memory posting index, serialised (server/search/index-snapshot.ts) in parts of a few megabytes, with the
 * change feed's cursor at the moment it was taken in `header` (JSON, on part 0). Written on PostgreSQL only, where
 * several instances start from it in seconds instead of reading a million postings; the table exists on SQLite too
 * (the schemas are twins), unused.
 */
export const searchIndexSnapshots = pgTable(
  "search_index_snapshots",
  {
    snapshotId: text().notNull(),
    part: integer().notNull(),
    header: text(),
    data: bytea().notNull(),
    createdAt: timestamps.createdAt,
  },
  (t) => [primaryKey({ columns: [t.snapshotId, t.part] })],
);

// ---------------------------------------------------------------------------
// API tokens (issue 19, item 1): organisation tokens and administrator-issued authority tokens for /api/v1
// ---------------------------------------------------------------------------

/**
 * A bearer token of the REST API. Only its SHA-256 is kept (the token is shown once, on creation); `prefix` is
 * its first characters, to recognise it in lists. An organisation token belongs to `organisationId`; an
 * authority token (an education authority's filing platform) has none and reads only rows in `regionCode`
 * (a province or city code). `scopes` lists what it may call (server/api/scopes.ts).
 */
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: id(),
    kind: text({ enum: ["organisation", "authority"] }).notNull(),
    organisationId: text().references(() => organisations.id, { onDelete: "cascade" }),
    regionCode: text(),
    name: text().notNull(),
    scopes: jsonb().$type<string[]>().notNull(),
    tokenHash: text().notNull(),
    prefix: text().notNull(),
    createdBy: text().references(() => users.id, { onDelete: "set null" }),
    expiresAt: timestampMs(),
    revokedAt: timestampMs(),
    lastUsedAt: timestampMs(),
    ...timestamps,
  },
  (t) => [uniqueIndex("api_tokens_token_hash_idx").on(t.tokenHash), index("api_tokens_organisation_id_idx").on(t.organisationId)],
);

// ---------------------------------------------------------------------------
// Roster import (issue 19, item 4): a school's student numbers, the key that makes importing a roster again a no-op
// ---------------------------------------------------------------------------

/**
 * A student's number (学号) within their school, written by the roster import (server/imports/roster.ts). The
 * student number is the school's own key: importing the same roster again finds every row here and changes
 * nothing. The class (班级) is the school's own label, shown to its staff only.
 */
export const rosterEntries = pgTable(
  "roster_entries",
  {
    schoolId: text()
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    studentNumber: text().notNull(),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    className: text().notNull().default(""),
    importedBy: text().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamps.createdAt,
  },
  (t) => [primaryKey({ columns: [t.schoolId, t.studentNumber] }), uniqueIndex("roster_entries_user_id_idx").on(t.userId)],
);

// ---------------------------------------------------------------------------
// Posting funnel (issue 18, item 5): impressions and views per posting, day and source; the later stages are
// read from applications and placements (server/funnel/read.ts), never logged twice
// ---------------------------------------------------------------------------

/**
 * Additive counters, written by each instance's in-process buffer as one multi-row upsert (server/funnel/buffer.ts).
 * `day` is the China-time date (YYYY-MM-DD). No foreign key to postings: a batch must not fail because one posting
 * was deleted between being shown and the flush; reads join postings.
 */
export const funnelDaily = pgTable(
  "funnel_daily",
  {
    postingId: text().notNull(),
    day: text().notNull(),
    source: text({ enum: ["search", "recommendation", "direct"] }).notNull(),
    impressions: integer().notNull().default(0),
    views: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.postingId, t.day, t.source] }), index("funnel_daily_day_idx").on(t.day)],
);

/**
 * Where a signed-in student last came to a posting's page from (search, recommendation), so that their application
 * is counted under that source. Only the source and the time, one row per student and posting.
 */
export const funnelViewSources = pgTable(
  "funnel_view_sources",
  {
    postingId: text()
      .notNull()
      .references(() => postings.id, { onDelete: "cascade" }),
    studentId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    source: text({ enum: ["search", "recommendation", "direct"] }).notNull(),
    viewedAt: timestampMs().notNull(),
  },
  (t) => [primaryKey({ columns: [t.postingId, t.studentId] })],
);

// ---------------------------------------------------------------------------
// Saved searches, their alerts and the mail outbox (issue 18, item 4)
// ---------------------------------------------------------------------------

/**
 * A user's saved search: of postings (the search page's filters) or, for an enterprise, of candidates (students
 * visible to enterprises). `checkedAt` is the alert cursor: what was published (or seen) up to it has been
 * alerted; a run claims its window by moving the cursor with a conditional update (server/alerts/run.ts), so
 * several instances alert each window once.
 */
export const savedSearches = pgTable(
  "saved_searches",
  {
    id: id(),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** The enterprise a candidate search is made for (its visibility decides who is found); null for postings. */
    organisationId: text().references(() => organisations.id, { onDelete: "cascade" }),
    kind: text({ enum: ["postings", "candidates"] }).notNull(),
    name: text().notNull(),
    params: jsonb().$type<Record<string, unknown>>().notNull(),
    frequency: text({ enum: ["instant", "daily"] }).notNull(),
    /** Cleared by the one-click unsubscribe of its mails; in-app notifications continue. */
    mailEnabled: boolean().notNull().default(true),
    checkedAt: timestampMs().notNull(),
    ...timestamps,
  },
  (t) => [index("saved_searches_user_id_idx").on(t.userId), index("saved_searches_frequency_checked_at_idx").on(t.frequency, t.checkedAt)],
);

/** The students a candidate search has already found (at saving, or alerted since): each is told of once. */
export const savedSearchSightings = pgTable(
  "saved_search_sightings",
  {
    savedSearchId: text()
      .notNull()
      .references(() => savedSearches.id, { onDelete: "cascade" }),
    studentId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.savedSearchId, t.studentId] })],
);

/**
 * Every mail the platform writes. With SMTP_URL set, "pending" mails are sent and become "sent" (or "failed"
 * after five attempts); without it they are "held" here for the administrator to read (/admin/outbox).
 */
export const mailOutbox = pgTable(
  "mail_outbox",
  {
    id: id(),
    toAddress: text().notNull(),
    subject: text().notNull(),
    body: text().notNull(),
    /** Extra headers as sent (List-Unsubscribe, List-Unsubscribe-Post). */
    headers: jsonb().$type<Record<string, string>>().notNull(),
    savedSearchId: text().references(() => savedSearches.id, { onDelete: "set null" }),
    status: text({ enum: ["held", "pending", "sending", "sent", "failed"] }).notNull(),
    attempts: integer().notNull().default(0),
    error: text(),
    sentAt: timestampMs(),
    ...timestamps,
  },
  (t) => [index("mail_outbox_status_created_at_idx").on(t.status, t.createdAt)],
);

// ---------------------------------------------------------------------------
// Webhooks (issue 19, item 3): endpoints, the event outbox written in the domain's own transaction, deliveries
// with their retry schedule, and every attempt (server/webhooks/*)
// ---------------------------------------------------------------------------

/**
 * A receiver's URL. An organisation endpoint belongs to `organisationId` (registered by an owner); an authority
 * endpoint (registered by an administrator) has none and receives only events in `regionCode` (a province or city).
 * `secret` signs every delivery: kept to sign, shown once on creation, never listed.
 */
export const webhookEndpoints = pgTable(
  "webhook_endpoints",
  {
    id: id(),
    kind: text({ enum: ["organisation", "authority"] }).notNull(),
    organisationId: text().references(() => organisations.id, { onDelete: "cascade" }),
    regionCode: text().references(() => regions.code),
    url: text().notNull(),
    description: text().notNull().default(""),
    events: jsonb().$type<string[]>().notNull(),
    secret: text().notNull(),
    active: boolean().notNull().default(true),
    createdBy: text().references(() => users.id, { onDelete: "set null" }),
    ...timestamps,
  },
  (t) => [index("webhook_endpoints_organisation_id_idx").on(t.organisationId)],
);

/**
 * The outbox: one row per domain event, inserted in the transaction of the change itself (so a rolled-back change
 * leaves none). The delivery job fans each out to the subscribed endpoints and sets `dispatchedAt`.
 * `organisationIds` may receive it; `regionCodes` place it for authorities; `data` is what organisations receive;
 * `authorityData` adds the student's masked name, and `studentId` keys the per-region pseudonym.
 */
export const webhookEvents = pgTable(
  "webhook_events",
  {
    id: id(),
    type: text({ enum: ["application.received", "posting.approved", "placement.started", "complaint.filed"] }).notNull(),
    organisationIds: jsonb().$type<string[]>().notNull(),
    regionCodes: jsonb().$type<string[]>().notNull(),
    data: jsonb().$type<Record<string, unknown>>().notNull(),
    authorityData: jsonb().$type<Record<string, unknown>>().notNull(),
    studentId: text(),
    dispatchedAt: timestampMs(),
    createdAt: timestamps.createdAt,
  },
  (t) => [index("webhook_events_dispatched_at_created_at_idx").on(t.dispatchedAt, t.createdAt)],
);

/**
 * One event to one endpoint: the body as signed (the same on every attempt), its state and the next attempt's
 * time. `scheduleFrom` starts the day of retries (the event, or a re-send by the owner).
 */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: id(),
    eventId: text()
      .notNull()
      .references(() => webhookEvents.id, { onDelete: "cascade" }),
    endpointId: text()
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: "cascade" }),
    body: text().notNull(),
    status: text({ enum: ["pending", "succeeded", "failed"] }).notNull().default("pending"),
    attempts: integer().notNull().default(0),
    nextAttemptAt: timestampMs().notNull(),
    scheduleFrom: timestampMs().notNull(),
    lastStatusCode: integer(),
    completedAt: timestampMs(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("webhook_deliveries_event_id_endpoint_id_idx").on(t.eventId, t.endpointId),
    index("webhook_deliveries_status_next_attempt_at_idx").on(t.status, t.nextAttemptAt),
    index("webhook_deliveries_endpoint_id_created_at_idx").on(t.endpointId, t.createdAt),
  ],
);

/** Every attempt of a delivery: the response's status code and first bytes, or the error, and how long it took. */
export const webhookAttempts = pgTable(
  "webhook_attempts",
  {
    id: id(),
    deliveryId: text()
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: "cascade" }),
    attemptedAt: timestampMs().notNull(),
    statusCode: integer(),
    responseBody: text().notNull().default(""),
    error: text(),
    durationMs: integer().notNull(),
  },
  (t) => [index("webhook_attempts_delivery_id_attempted_at_idx").on(t.deliveryId, t.attemptedAt)],
);
