import { z } from "zod";
import { applicationStatuses, complaintCategories, complaintStatuses, educationLevels, organisationKinds, placementInsurancePayers, placementStatuses, postingKinds, postingStatuses, verificationStatuses } from "../../db/schema-enums";

/*
 * The shapes /api/v1 answers with. Each answer is parsed through its schema before it leaves (server/api/handle.ts),
 * so a field no schema names never reaches an API client, and the spec (server/api/openapi.ts) is these schemas.
 * Inputs are not here: they are the procedures' own schemas (server/schemas/*).
 */

const timestamp = z.string().meta({ description: "ISO 8601 时间 / timestamp (UTC)", format: "date-time" });
const day = z.string().meta({ description: "YYYY-MM-DD", format: "date" });
const uuid = z.string().meta({ format: "uuid" });

export const apiError = z
  .object({
    error: z.object({
      code: z.string().meta({ description: "BAD_REQUEST · UNAUTHORIZED · FORBIDDEN · NOT_FOUND · CONFLICT · TOO_MANY_REQUESTS · INTERNAL_SERVER_ERROR" }),
      message: z.string().meta({ description: "按 Accept-Language 本地化的说明 / message in the language of Accept-Language" }),
      fieldErrors: z.record(z.string(), z.array(z.string())).optional(),
      violations: z.array(z.object({ rule: z.string(), field: z.string().optional(), severity: z.string(), message: z.string() })).optional(),
    }),
  });

const specialty = z.object({ code: z.string(), name: z.string() });

export const postingCard = z
  .object({
    id: uuid,
    kind: z.enum(postingKinds),
    title: z.string(),
    organisationId: uuid,
    organisationName: z.string(),
    regionCode: z.string(),
    cityCode: z.string(),
    provinceCode: z.string(),
    industryCode: z.string(),
    industryName: z.string(),
    monthlyPay: z.number().int().nullable(),
    quantity: z.number().int(),
    applyBy: day,
    startDate: day,
    publishedAt: timestamp.nullable(),
    specialties: z.array(specialty),
  });

export const postingPage = z.object({
  items: z.array(postingCard),
  total: z.number().int(),
  nextCursor: z.object({ ck: z.number(), cr: z.number().int() }).nullable().meta({ description: "下一页：把 ck、cr 作为查询参数传回 / next page: pass ck and cr back as query parameters" }),
});

export const publicOrganisation = z
  .object({
    id: uuid,
    kind: z.enum(organisationKinds),
    name: z.string(),
    schoolLevel: z.enum(educationLevels).nullable(),
    industryCode: z.string().nullable(),
    industryName: z.string().nullable(),
    integrationCertified: z.boolean(),
    regionCode: z.string(),
    regionName: z.string(),
    address: z.string(),
    description: z.string(),
    website: z.string(),
    verificationStatus: z.enum(verificationStatuses),
    specialties: z.array(specialty),
  });

export const publicOrganisationList = z.object({
  items: z.array(
    z.object({
      id: uuid,
      kind: z.enum(organisationKinds),
      name: z.string(),
      schoolLevel: z.enum(educationLevels).nullable(),
      industryCode: z.string().nullable(),
      integrationCertified: z.boolean(),
      regionCode: z.string(),
      website: z.string(),
    }),
  ),
  nextAfter: z.string().nullable().meta({ description: "下一页：作为 after 传回 / next page: pass back as `after`" }),
});

export const supplyDemandReport = z
  .object({
    graduationYear: z.number().int(),
    today: day,
    rows: z.array(
      z.object({
        regionCode: z.string(),
        regionName: z.string(),
        classCode: z.string(),
        className: z.string(),
        supply: z.number(),
        namedDemand: z.number(),
        inferredDemand: z.number(),
        demand: z.number(),
        gap: z.number(),
      }),
    ),
    totals: z.object({ supply: z.number(), namedDemand: z.number(), inferredDemand: z.number(), demand: z.number() }),
  });

export const ownPostings = z.object({
  items: z.array(
    z.object({
      id: uuid,
      kind: z.enum(postingKinds),
      status: z.enum(postingStatuses),
      displayStatus: z.string().meta({ description: "status, or expired once the apply-by day has passed" }),
      title: z.string(),
      quantity: z.number().int(),
      applyBy: day,
      startDate: day,
      rejectionReason: z.string().nullable(),
      revisionPending: z.boolean(),
      updatedAt: timestamp,
    }),
  ),
  counts: z.record(z.string(), z.number().int()),
  total: z.number().int(),
});

export const createdPosting = z.object({ id: uuid, status: z.literal("draft") });

export const applicants = z.object({
  posting: z.object({ id: uuid, title: z.string(), kind: z.enum(postingKinds), quantity: z.number().int(), startDate: day, endDate: day }),
  seatsTaken: z.number().int(),
  items: z.array(
    z.object({
      id: uuid,
      status: z.enum(applicationStatuses),
      studentName: z.string().meta({ description: "已结束的申请只显示称呼 / a closed application shows the display name only" }),
      schoolName: z.string(),
      specialtyName: z.string(),
      enrolmentYear: z.number().int(),
      coverNote: z.string(),
      interviewAt: timestamp.nullable(),
      offerStartDate: day.nullable(),
      placementId: uuid.nullable(),
      placementStatus: z.enum(placementStatuses).nullable(),
      createdAt: timestamp,
    }),
  ),
});

export const organisationPlacements = z.object({
  items: z.array(
    z.object({
      id: uuid,
      status: z.enum(placementStatuses),
      startDate: day,
      endDate: day,
      postingId: uuid,
      postingTitle: z.string(),
      postingKind: z.enum(postingKinds),
      studentName: z.string(),
      schoolName: z.string(),
      hostName: z.string(),
    }),
  ),
});

const nextAfter = z.string().nullable().meta({ description: "下一页：作为 after 传回 / next page: pass back as `after`" });

export const filingPlacements = z.object({
  items: z.array(
    z
      .object({
        id: uuid,
        status: z.enum(placementStatuses),
        startDate: day,
        endDate: day,
        student: z.object({
          ref: z.string().meta({ description: "本辖区内稳定的学生假名 / the student's stable pseudonym within this region" }),
          maskedName: z.string().meta({ description: "脱敏姓名 / masked name, e.g. 张**" }),
        }),
        school: z.object({ id: uuid, name: z.string(), schoolCode: z.string().nullable(), regionCode: z.string() }),
        host: z.object({ id: uuid, name: z.string(), uscc: z.string().nullable(), regionCode: z.string() }),
        post: z.object({ postingId: uuid, title: z.string(), kind: z.enum(postingKinds), postName: z.string().nullable(), workplaceRegionCode: z.string() }),
        monthlyPay: z.number().int().nullable(),
        insurance: z.object({ insurer: z.string().nullable(), policyNumber: z.string(), paidBy: z.enum(placementInsurancePayers).nullable() }).nullable(),
        agreementDigest: z.string().nullable().meta({ description: "三方均确认同一文本后的协议摘要 / the tripartite agreement's digest once all three parties confirmed the same text" }),
      }),
  ),
  nextAfter,
});

export const regionComplaints = z.object({
  items: z.array(
    z.object({
      id: uuid,
      placementId: uuid,
      category: z.enum(complaintCategories),
      status: z.enum(complaintStatuses),
      replyDueOn: day,
      firstRepliedAt: timestamp.nullable(),
      resolvedAt: timestamp.nullable(),
      closedAt: timestamp.nullable(),
      createdAt: timestamp,
      school: z.object({ id: uuid, name: z.string() }),
      host: z.object({ id: uuid, name: z.string() }),
    }),
  ),
  nextAfter,
});

export const regionOrganisations = z.object({
  items: z.array(
    z.object({
      id: uuid,
      kind: z.enum(organisationKinds),
      name: z.string(),
      schoolCode: z.string().nullable(),
      uscc: z.string().nullable(),
      regionCode: z.string(),
      verificationStatus: z.enum(verificationStatuses),
      reviewedAt: timestamp.nullable(),
    }),
  ),
  nextAfter,
});
