/** Enumerations shared by the schema and client-side code (no drizzle imports, so forms can use them). */
export const regionLevels = ["province", "city", "county"] as const;
export const educationLevels = ["secondary", "higher_vocational", "vocational_bachelor"] as const;
export const specialtyLevels = ["category", "class", "major"] as const;
export const industryLevels = ["section", "division", "group", "class"] as const;
export const userRoles = ["student", "school", "enterprise", "admin"] as const;
export const organisationKinds = ["school", "enterprise"] as const;
export const verificationStatuses = ["pending", "verified", "rejected"] as const;
export const membershipRoles = ["owner", "staff"] as const;

export type RegionLevel = (typeof regionLevels)[number];
export type EducationLevel = (typeof educationLevels)[number];
export type SpecialtyLevel = (typeof specialtyLevels)[number];
export type IndustryLevel = (typeof industryLevels)[number];
export type UserRole = (typeof userRoles)[number];
export type OrganisationKind = (typeof organisationKinds)[number];
export type VerificationStatus = (typeof verificationStatuses)[number];
export type MembershipRole = (typeof membershipRoles)[number];

/** What an organisation publishes. Enterprise kinds first, then school kinds. */
export const enterprisePostingKinds = [
  "placement_internship",
  "observation_visit",
  "apprenticeship",
  "order_class",
  "enterprise_training_base",
  "technical_need",
  "mentor_offer",
] as const;
export const schoolPostingKinds = ["programme_cohort", "school_training_base", "training_service"] as const;
export const postingKinds = [...enterprisePostingKinds, ...schoolPostingKinds] as const;
export type PostingKind = (typeof postingKinds)[number];

/** Stored states; "expired" is derived (published and past its apply-by date), never stored. */
export const postingStatuses = ["draft", "submitted", "published", "rejected", "closed", "withdrawn"] as const;
export type PostingStatus = (typeof postingStatuses)[number];
export type PostingDisplayStatus = PostingStatus | "expired";

/** An application's path: the enterprise moves it forward; the student withdraws or answers an offer. */
export const applicationStatuses = ["submitted", "screening", "interview", "offered", "accepted", "declined", "rejected", "withdrawn"] as const;
export type ApplicationStatus = (typeof applicationStatuses)[number];
/** States in which an application is still in play (the student cannot apply to the same posting again). */
export const openApplicationStatuses: readonly ApplicationStatus[] = ["submitted", "screening", "interview", "offered"];

/** A placement from the accepted offer to its end: the school approves, the parties prepare, it starts and ends. */
export const placementStatuses = ["pending_approval", "approved", "active", "completed", "terminated"] as const;
export type PlacementStatus = (typeof placementStatuses)[number];
/** Placements that hold a seat and count against the host's caps. */
export const seatHoldingPlacementStatuses: readonly PlacementStatus[] = ["pending_approval", "approved", "active"];

/** The three parties of a placement (and of its tripartite agreement). */
export const placementParties = ["student", "school", "host"] as const;
export type PlacementParty = (typeof placementParties)[number];
/** Who pays the liability insurance: never the student (the rule in compliance/rules refuses it). */
export const placementInsurancePayers = ["host", "school"] as const;

/** Kinds of school–enterprise cooperation recorded in the ledger. */
export const cooperationKinds = ["order_class", "apprenticeship", "training_base", "industry_college", "technical_project", "teacher_practice", "part_time_teaching"] as const;
export type CooperationKind = (typeof cooperationKinds)[number];
export const proposalStatuses = ["open", "accepted", "declined", "withdrawn"] as const;
export type ProposalStatus = (typeof proposalStatuses)[number];
export const projectStatuses = ["active", "completed", "ended"] as const;
export type ProjectStatus = (typeof projectStatuses)[number];

// Intern protection (issue 14): pay records, complaints, reports of postings.
export const payResponses = ["confirmed", "disputed"] as const;
export type PayResponse = (typeof payResponses)[number];
export const complaintCategories = ["fees", "overtime", "unsafe_work", "pay", "id_withheld", "harassment", "other"] as const;
export type ComplaintCategory = (typeof complaintCategories)[number];
export const complaintStatuses = ["submitted", "in_progress", "resolved", "closed"] as const;
export type ComplaintStatus = (typeof complaintStatuses)[number];
export const postingReportReasons = ["fees_charged", "false_information", "unsafe", "discrimination", "other"] as const;
export type PostingReportReason = (typeof postingReportReasons)[number];

export const studentAccessKinds = ["profile", "contact", "cv"] as const;
export type StudentAccessKind = (typeof studentAccessKinds)[number];

export const reviewHoldStatuses = ["pending", "approved", "rejected", "superseded"] as const;
export type ReviewHoldStatus = (typeof reviewHoldStatuses)[number];

export const placementAmendmentStatuses = ["pending", "applied", "superseded"] as const;
export type PlacementAmendmentStatus = (typeof placementAmendmentStatuses)[number];

/** Allocation rounds (issue 21): draft → students rank → hosts rank → computed → published. */
export const allocationRoundStates = ["draft", "ranking", "host_ranking", "computed", "published"] as const;
export type AllocationRoundState = (typeof allocationRoundStates)[number];
