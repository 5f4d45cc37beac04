import { sql } from "drizzle-orm";
import {
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";
import {
  educationLevels,
  industryLevels,
  membershipRoles,
  postingKinds,
  postingStatuses,
  organisationKinds,
  regionLevels,
  specialtyLevels,
  userRoles,
  verificationStatuses,
} from "./schema-enums";

export * from "./schema-enums";

/** Text UUID primary key, generated in JS so that inserts can return it without a round trip. */
const id = () =>
  text()
    .primaryKey()
    .$defaultFn(() => crypto.randomUUID());

const timestamps = {
  createdAt: integer({ mode: "timestamp_ms" })
    .notNull()
    .default(sql`(unixepoch('subsec') * 1000)`),
  updatedAt: integer({ mode: "timestamp_ms" })
    .notNull()
    .default(sql`(unixepoch('subsec') * 1000)`)
    .$onUpdateFn(() => new Date()),
};

// ---------------------------------------------------------------------------
// Reference taxonomies (loaded from db/reference/*.json, see SOURCES.md there)
// ---------------------------------------------------------------------------


/** GB/T 2260 administrative divisions (NBS 2023 statistical codes). */
export const regions = sqliteTable(
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
export const specialties = sqliteTable(
  "specialties",
  {
    code: text().primaryKey(),
    name: text().notNull(),
    parentCode: text(),
    level: text({ enum: specialtyLevels }).notNull(),
    educationLevel: text({ enum: educationLevels }).notNull(),
    /** Level-independent key of the group (2 digits) or class (4 digits): 5102, 7102 and 3102 share 1102. */
    domainCode: text().notNull(),
    nationalControl: integer({ mode: "boolean" }).notNull().default(false),
    catalogVersion: text().notNull(),
  },
  (t) => [
    index("specialties_parent_code_idx").on(t.parentCode),
    index("specialties_domain_code_idx").on(t.domainCode),
  ],
);


/** GB/T 4754-2017: 门类 (section) → 大类 (division) → 中类 (group) → 小类 (class). */
export const industries = sqliteTable(
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
export const specialtyIndustryMap = sqliteTable("specialty_industry_map", {
  domainCode: text().primaryKey(),
  className: text().notNull(),
  primaryDivisions: text({ mode: "json" }).$type<string[]>().notNull(),
  relatedDivisions: text({ mode: "json" }).$type<string[]>().notNull(),
  version: integer().notNull().default(1),
  ...timestamps,
});

/** Versions and checksums of what was loaded, so a changed reference file is reloaded on start. */
export const referenceMeta = sqliteTable("reference_meta", {
  key: text().primaryKey(),
  value: text().notNull(),
});

// ---------------------------------------------------------------------------
// Accounts and organisations
// ---------------------------------------------------------------------------


export const users = sqliteTable("users", {
  id: id(),
  email: text().unique(),
  mobile: text().unique(),
  name: text().notNull(),
  passwordHash: text().notNull(),
  role: text({ enum: userRoles }).notNull(),
  ...timestamps,
});


export const organisations = sqliteTable(
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
    integrationCertified: integer({ mode: "boolean" }).notNull().default(false),
    regionCode: text()
      .notNull()
      .references(() => regions.code),
    address: text().notNull(),
    description: text().notNull().default(""),
    contactName: text().notNull().default(""),
    contactPhone: text().notNull().default(""),
    website: text().notNull().default(""),
    verificationStatus: text({ enum: verificationStatuses }).notNull().default("pending"),
    rejectionReason: text(),
    reviewedAt: integer({ mode: "timestamp_ms" }),
    reviewedBy: text().references(() => users.id, { onDelete: "set null" }),
    ...timestamps,
  },
  (t) => [
    index("organisations_kind_status_idx").on(t.kind, t.verificationStatus),
    index("organisations_region_code_idx").on(t.regionCode),
  ],
);


export const memberships = sqliteTable(
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
export const schoolSpecialties = sqliteTable(
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
export const invitations = sqliteTable(
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
    expiresAt: integer({ mode: "timestamp_ms" }).notNull(),
    revokedAt: integer({ mode: "timestamp_ms" }),
    createdBy: text().references(() => users.id, { onDelete: "set null" }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("invitations_code_idx").on(t.code),
    index("invitations_organisation_id_idx").on(t.organisationId),
  ],
);

export const studentProfiles = sqliteTable(
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
    preferredRegions: text({ mode: "json" }).$type<string[]>().notNull().default([]),
    bio: text().notNull().default(""),
    visibleToEnterprises: integer({ mode: "boolean" }).notNull().default(false),
    invitationId: text().references(() => invitations.id, { onDelete: "set null" }),
    ...timestamps,
  },
  (t) => [
    index("student_profiles_school_id_idx").on(t.schoolId),
    index("student_profiles_specialty_code_idx").on(t.specialtyCode),
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
export const postings = sqliteTable(
  "postings",
  {
    id: id(),
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
    details: text({ mode: "json" }).$type<Record<string, unknown>>().notNull(),
    rejectionReason: text(),
    submittedAt: integer({ mode: "timestamp_ms" }),
    publishedAt: integer({ mode: "timestamp_ms" }),
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
  ],
);

export const postingSpecialties = sqliteTable(
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
