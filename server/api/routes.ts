import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { complaintStatuses, organisationKinds, postingKinds, verificationStatuses } from "../../db/schema-enums";
import type { Db } from "../../db/create";
import { reportsDbFor } from "../db";
import { supplyDemand } from "../reports/supply-demand";
import { appRouter, createCaller } from "../root";
import { organisationPlacementsInput } from "../schemas/applications";
import { listOwnPostingsInput, postingInput } from "../schemas/postings";
import { regionCode } from "../schemas/common";
import { searchPostingsInput } from "../schemas/search";
import { parseSearchParams } from "../schemas/search-params";
import { complaintsInRegion, organisationsInRegion, placementsForFiling } from "./authority";
import { publicOrganisations } from "./public";
import * as answers from "./responses";
import type { ApiScope } from "./scopes";
import type { ApiToken } from "./tokens";

type Bilingual = { zh: string; en: string };

/** What a handler gets: the parsed parameters and body, and a tRPC caller acting for the token (or anonymous). */
export interface ApiCall {
  db: Db;
  query: Record<string, unknown>;
  path: Record<string, string>;
  body: unknown;
  token: ApiToken | null;
  caller: ReturnType<typeof createCaller>;
}

/**
 * One operation of /api/v1. Inputs are the procedures' own zod schemas (read from the router where a schema is
 * declared inline there), so the spec, the validation and the form cannot disagree; `query` documents and reads the
 * query string, `body` the JSON body, `response` is what leaves (server/api/responses.ts).
 */
export interface ApiRoute {
  operationId: string;
  method: "get" | "post";
  /** OpenAPI path under /api/v1, `{name}` for path parameters (uuids). */
  path: string;
  access: "public" | "organisation" | "authority";
  scope?: ApiScope;
  tag: "public" | "organisation" | "authority";
  summary: Bilingual;
  description: Bilingual;
  query?: z.ZodObject;
  /** Reads the query string when it does not map one to one onto `query` (the search page's parameters). */
  readQuery?: (params: URLSearchParams) => { input: unknown } | { error: z.ZodError };
  body?: z.ZodType;
  status?: 200 | 201;
  response: z.ZodType;
  example: { query?: Record<string, string>; path?: Record<string, string>; body?: unknown; response: unknown };
  handle: (call: ApiCall) => Promise<unknown>;
}

/** The input schema a procedure declares, taken from the router itself (for schemas written inline there). */
function procedureInput(path: string): z.ZodObject {
  const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { inputs: unknown[] } }>;
  return procedures[path]!._def.inputs[0] as z.ZodObject;
}

const search = searchPostingsInput.shape;
/** The search page's URL parameters (server/schemas/search-params.ts) with the schema of the field each fills. */
const searchQuery = z.object({
  q: search.query,
  region: search.regionCode,
  industry: search.industryCode,
  specialty: search.specialtyCode,
  kind: z.enum(postingKinds).optional(),
  payMin: search.payMin,
  sort: search.sort,
  ck: z.number().optional().meta({ description: "游标（上一页的 nextCursor.ck）/ cursor from the previous page's nextCursor.ck" }),
  cr: z.number().int().optional().meta({ description: "游标（上一页的 nextCursor.cr）/ cursor from the previous page's nextCursor.cr" }),
  limit: search.limit,
});

/** Paging of the authority lists: after an id, in id order. */
const page = { after: z.string().uuid().optional(), limit: z.number().int().min(1).max(200).default(50) };

const uuidExample = "5f0c3a52-8a7e-4c1b-9d36-2b1f5e7c9a10";
const pagingNote: Bilingual = { zh: "按 id 排序分页：把 nextAfter 作为 after 传回以取下一页。", en: "Paged in id order: pass nextAfter back as `after` for the next page." };

/** Dates to ISO strings, as JSON would carry them; everything else as it is. */
function plain(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value ?? null));
}

function organisationOf(call: ApiCall): string {
  // The handler runs only after handle.ts checked the token is an organisation token.
  return call.token!.organisationId!;
}

function regionOf(call: ApiCall) {
  return { regionCode: call.token!.regionCode! };
}

export const apiRoutes: ApiRoute[] = [
  {
    operationId: "searchPostings",
    method: "get",
    path: "/postings",
    access: "public",
    tag: "public",
    summary: { zh: "检索已发布岗位", en: "Search published postings" },
    description: {
      zh: "与检索页相同的筛选（关键词、地区、行业、专业、类型、最低月薪、排序），游标分页。只返回已认证单位已发布、仍在报名期内的岗位。",
      en: "The search page's filters (keywords, region, industry, specialty, kind, minimum pay, sort) with cursor paging. Only published postings of verified organisations still open for applications.",
    },
    query: searchQuery,
    readQuery: (params) => {
      const raw = Object.fromEntries([...params.keys()].map((k) => [k, params.get(k) ?? undefined]));
      const { input, ignored } = parseSearchParams(raw);
      const limit = params.get("limit");
      const issues = ignored.map((i) => ({ path: [i.name === "page" ? "ck" : i.name], message: `errors.apiParam.${i.reason}`, input: i.value }));
      const parsedLimit = limit === null ? undefined : search.limit.safeParse(/^\d{1,6}$/.test(limit) ? Number(limit) : limit);
      if (parsedLimit && !parsedLimit.success) issues.push({ path: ["limit"], message: "errors.apiParam.range", input: limit ?? "" });
      // Raised through a parse (a ZodError made by hand is not an Error, and tRPC would not keep it as the cause).
      if (issues.length) return { error: z.unknown().superRefine((_, ctx) => issues.forEach((issue) => ctx.addIssue({ code: "custom", ...issue }))).safeParse(null).error! };
      return { input: { ...input, limit: parsedLimit?.data ?? 20 } };
    },
    response: answers.postingPage,
    example: {
      query: { q: "软件", region: "440300", kind: "placement_internship", sort: "newest", limit: "10" },
      response: {
        items: [{ id: uuidExample, kind: "placement_internship", title: "Java 开发实习生", organisationId: uuidExample, organisationName: "深圳示例科技有限公司", regionCode: "440305", cityCode: "440300", provinceCode: "440000", industryCode: "6511", industryName: "基础软件开发", monthlyPay: 4000, quantity: 5, applyBy: "2027-03-15", startDate: "2027-04-01", publishedAt: "2027-01-10T02:00:00.000Z", specialties: [{ code: "510201", name: "计算机应用技术" }] }],
        total: 1,
        nextCursor: null,
      },
    },
    handle: async ({ caller, query }) => {
      const result = await caller.search.postings(query);
      return {
        items: result.items.map((card) => ({ ...card, publishedAt: card.publishedAt === null ? null : new Date(Number(card.publishedAt)).toISOString() })),
        total: result.total,
        nextCursor: result.nextCursor ? { ck: result.nextCursor.key, cr: result.nextCursor.rowid } : null,
      };
    },
  },
  {
    operationId: "listOrganisations",
    method: "get",
    path: "/organisations",
    access: "public",
    tag: "public",
    summary: { zh: "已认证单位列表", en: "Verified organisations" },
    description: { zh: `已认证的学校和企业的公开字段，可按类型和地区（省、市或区县代码）筛选。${pagingNote.zh}`, en: `Verified schools' and enterprises' public fields, by kind and region (a province, city or county code). ${pagingNote.en}` },
    query: z.object({ kind: z.enum(organisationKinds).optional(), region: regionCode.optional(), ...page }),
    response: answers.publicOrganisationList,
    example: {
      query: { kind: "school", region: "440100" },
      response: { items: [{ id: uuidExample, kind: "school", name: "示例职业技术学院", schoolLevel: "higher_vocational", industryCode: null, integrationCertified: false, regionCode: "440106", website: "" }], nextAfter: null },
    },
    handle: (call) => publicOrganisations(call.db, call.query as { limit: number }),
  },
  {
    operationId: "getOrganisation",
    method: "get",
    path: "/organisations/{organisationId}",
    access: "public",
    tag: "public",
    summary: { zh: "单位公开信息", en: "An organisation's public profile" },
    description: { zh: "已认证学校或企业的公开字段；联系人和电话不通过接口公开。未认证的单位返回 404。", en: "A verified school's or enterprise's public fields; contact person and phone are not published through the API. Organisations not verified answer 404." },
    response: answers.publicOrganisation,
    example: {
      path: { organisationId: uuidExample },
      response: { id: uuidExample, kind: "enterprise", name: "深圳示例科技有限公司", schoolLevel: null, industryCode: "6511", industryName: "基础软件开发", integrationCertified: true, regionCode: "440305", regionName: "南山区", address: "深圳市南山区科技园", description: "软件研发企业", website: "https://example.cn", verificationStatus: "verified", specialties: [] },
    },
    // Anonymous: the API publishes what a signed-out visitor sees, whoever holds the token.
    handle: ({ caller, path }) => caller.organisations.get({ organisationId: path.organisationId! }),
  },
  {
    operationId: "supplyDemandReport",
    method: "get",
    path: "/reports/supply-demand",
    access: "public",
    tag: "public",
    summary: { zh: "人才供需报告", en: "Talent supply and demand report" },
    description: { zh: "按地区 × 专业类汇总的毕业生供给与开放岗位需求（仅汇总数，无个人信息）。不指定省份时按省汇总，指定时按市。", en: "Graduating students and open seats by region × specialty class (aggregates only, no personal data): by province, or by city within `provinceCode`." },
    query: procedureInput("reports.supplyDemand"),
    response: answers.supplyDemandReport,
    example: {
      query: { provinceCode: "440000", graduationYear: "2027" },
      response: { graduationYear: 2027, today: "2026-11-30", rows: [{ regionCode: "440300", regionName: "深圳市", classCode: "5102", className: "计算机类", supply: 120, namedDemand: 80, inferredDemand: 10, demand: 90, gap: -30 }], totals: { supply: 120, namedDemand: 80, inferredDemand: 10, demand: 90 } },
    },
    // The procedure asks for a signed-in user (a page's rule); the API serves the same aggregates to anyone.
    handle: ({ db, query }) => supplyDemand(reportsDbFor(db), query),
  },
  {
    operationId: "listOwnPostings",
    method: "get",
    path: "/organisation/postings",
    access: "organisation",
    scope: "read:postings",
    tag: "organisation",
    summary: { zh: "本单位的岗位", en: "The organisation's own postings" },
    description: { zh: "令牌所属单位的全部岗位（含草稿、审核中）及各状态数量。", en: "Every posting of the token's organisation (drafts and those under review included) with counts per state." },
    query: listOwnPostingsInput.omit({ organisationId: true }),
    response: answers.ownPostings,
    example: {
      query: { status: "draft" },
      response: { items: [{ id: uuidExample, kind: "placement_internship", status: "draft", displayStatus: "draft", title: "Java 开发实习生", quantity: 5, applyBy: "2027-03-15", startDate: "2027-04-01", rejectionReason: null, revisionPending: false, updatedAt: "2026-11-30T02:00:00.000Z" }], counts: { draft: 1 }, total: 1 },
    },
    handle: (call) => call.caller.postings.listOwn({ ...(call.query as object), organisationId: organisationOf(call) }),
  },
  {
    operationId: "createDraftPosting",
    method: "post",
    path: "/organisation/postings",
    access: "organisation",
    scope: "write:postings",
    tag: "organisation",
    summary: { zh: "新建岗位草稿", en: "Create a draft posting" },
    description: {
      zh: "与网页表单相同的校验和实习规定检查（岗位实习的薪酬、时长、工时、收费、场所、比例等）；不合规时返回 400 和逐条 violations。只建草稿，提交审核仍在网页上进行。",
      en: "The same validation and internship-rule checks as the web form (pay, duration, working time, fees, venues, caps …); a refusal is 400 with each violation listed. Creates a draft only; submitting for review stays on the web.",
    },
    body: postingInput,
    status: 201,
    response: answers.createdPosting,
    example: {
      body: {
        kind: "observation_visit",
        title: "软件企业参观认识实习",
        description: "参观研发中心，了解软件开发流程与岗位要求。",
        regionCode: "440305",
        address: "深圳市南山区科技园",
        industryCode: "6511",
        specialtyCodes: ["510201"],
        quantity: 30,
        startDate: "2027-04-01",
        endDate: "2027-04-01",
        applyBy: "2027-03-15",
        contactName: "王老师",
        contactPhone: "0755-12345678",
        details: { agenda: "上午参观研发中心，下午与工程师座谈。", safetyArrangements: "全程由企业安全员陪同，参观前进行安全告知。" },
      },
      response: { id: uuidExample, status: "draft" },
    },
    handle: async (call) => {
      const { id } = await call.caller.postings.create({ organisationId: organisationOf(call), posting: call.body as z.input<typeof postingInput>, submit: false });
      return { id, status: "draft" };
    },
  },
  {
    operationId: "listApplicants",
    method: "get",
    path: "/organisation/postings/{postingId}/applicants",
    access: "organisation",
    scope: "read:applicants",
    tag: "organisation",
    summary: { zh: "岗位的申请人", en: "Applicants to a posting" },
    description: { zh: "已认证企业本单位岗位的申请人，只含申请页可见的字段（不含出生日期、手机号）。", en: "Applicants to a posting of the token's verified enterprise: the fields of the applicants page only (no birth date or mobile)." },
    response: answers.applicants,
    example: {
      path: { postingId: uuidExample },
      response: { posting: { id: uuidExample, title: "Java 开发实习生", kind: "placement_internship", quantity: 5, startDate: "2027-04-01", endDate: "2027-09-30" }, seatsTaken: 1, items: [{ id: uuidExample, status: "submitted", studentName: "李明", schoolName: "示例职业技术学院", specialtyName: "计算机应用技术", enrolmentYear: 2024, coverNote: "", interviewAt: null, offerStartDate: null, placementId: null, placementStatus: null, createdAt: "2026-11-30T02:00:00.000Z" }] },
    },
    handle: (call) => call.caller.applications.applicants({ organisationId: organisationOf(call), postingId: call.path.postingId! }),
  },
  {
    operationId: "listOrganisationPlacements",
    method: "get",
    path: "/organisation/placements",
    access: "organisation",
    scope: "read:placements",
    tag: "organisation",
    summary: { zh: "本单位的实习安排", en: "The organisation's placements" },
    description: { zh: "学校：本校学生的实习；企业：在本单位的实习。", en: "A school: its students' placements; an enterprise: placements it hosts." },
    query: organisationPlacementsInput,
    response: answers.organisationPlacements,
    example: {
      query: { status: "active" },
      response: { items: [{ id: uuidExample, status: "active", startDate: "2027-04-01", endDate: "2027-09-30", postingId: uuidExample, postingTitle: "Java 开发实习生", postingKind: "placement_internship", studentName: "李明", schoolName: "示例职业技术学院", hostName: "深圳示例科技有限公司" }] },
    },
    handle: async (call) => ({ items: await call.caller.placements.listForOrganisation({ ...(call.query as object), organisationId: organisationOf(call) }) }),
  },
  {
    operationId: "listPlacementsForFiling",
    method: "get",
    path: "/authority/placements",
    access: "authority",
    scope: "read:placements",
    tag: "authority",
    summary: { zh: "实习备案：辖区内的实习", en: "Placements for filing in the region" },
    description: {
      zh: `学校或实习地点在令牌辖区内的实习：学生（脱敏）、学校、企业、岗位、起止日期、薪酬、保险单号、三方协议摘要。${pagingNote.zh}`,
      en: `Placements whose school or workplace lies in the token's region: the student (masked), school, host, post, dates, pay, insurance policy and the agreement's digest. ${pagingNote.en}`,
    },
    query: z.object(page),
    response: answers.filingPlacements,
    example: {
      query: { limit: "50" },
      response: {
        items: [
          {
            id: uuidExample,
            status: "active",
            startDate: "2027-04-01",
            endDate: "2027-09-30",
            student: { ref: "9f2c4e1a7b3d5f60a1b2c3d4", maskedName: "李*" },
            school: { id: uuidExample, name: "示例职业技术学院", schoolCode: "4144012345", regionCode: "440305" },
            host: { id: uuidExample, name: "深圳示例科技有限公司", uscc: "91440300MA5XXXXXXX", regionCode: "440305" },
            post: { postingId: uuidExample, title: "Java 开发实习生", kind: "placement_internship", postName: "软件开发", workplaceRegionCode: "440305" },
            monthlyPay: 4000,
            insurance: { insurer: "中国人寿", policyNumber: "PL-0001", paidBy: "host" },
            agreementDigest: "3b6f…",
          },
        ],
        nextAfter: null,
      },
    },
    handle: (call) => placementsForFiling(call.db, regionOf(call), call.query as { after?: string; limit: number }),
  },
  {
    operationId: "listComplaints",
    method: "get",
    path: "/authority/complaints",
    access: "authority",
    scope: "read:complaints",
    tag: "authority",
    summary: { zh: "辖区内的投诉及其处理状态", en: "Complaints in the region and their status" },
    description: { zh: `学校或企业在辖区内的投诉：类别、状态、答复期限与处理时间（不含投诉正文）。${pagingNote.zh}`, en: `Complaints where the school or host lies in the region: category, status, reply deadline and handling times (not the text). ${pagingNote.en}` },
    query: z.object({ status: z.enum(complaintStatuses).optional(), ...page }),
    response: answers.regionComplaints,
    example: {
      query: { status: "submitted" },
      response: { items: [{ id: uuidExample, placementId: uuidExample, category: "overtime", status: "submitted", replyDueOn: "2026-12-03", firstRepliedAt: null, resolvedAt: null, closedAt: null, createdAt: "2026-11-30T02:00:00.000Z", school: { id: uuidExample, name: "示例职业技术学院" }, host: { id: uuidExample, name: "深圳示例科技有限公司" } }], nextAfter: null },
    },
    handle: (call) => complaintsInRegion(call.db, regionOf(call), call.query as { limit: number }),
  },
  {
    operationId: "listOrganisationsVerification",
    method: "get",
    path: "/authority/organisations",
    access: "authority",
    scope: "read:organisations",
    tag: "authority",
    summary: { zh: "辖区内单位的认证状态", en: "Verification state of organisations in the region" },
    description: { zh: `注册地在辖区内的学校和企业及其认证状态。${pagingNote.zh}`, en: `Schools and enterprises registered in the region with their verification state. ${pagingNote.en}` },
    query: z.object({ verificationStatus: z.enum(verificationStatuses).optional(), ...page }),
    response: answers.regionOrganisations,
    example: {
      query: { verificationStatus: "pending" },
      response: { items: [{ id: uuidExample, kind: "enterprise", name: "深圳示例科技有限公司", schoolCode: null, uscc: "91440300MA5XXXXXXX", regionCode: "440305", verificationStatus: "pending", reviewedAt: null }], nextAfter: null },
    },
    handle: (call) => organisationsInRegion(call.db, regionOf(call), call.query as { limit: number }),
  },
];

/** Runs a route's handler and gives the answer as its response schema has it (undeclared fields dropped). */
export async function answer(route: ApiRoute, call: ApiCall): Promise<unknown> {
  const parsed = route.response.safeParse(plain(await route.handle(call)));
  // A server fault (an answer its own schema does not describe): a 500, never a field error for the client.
  if (!parsed.success) throw new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: "errors.INTERNAL_SERVER_ERROR", cause: new Error(z.prettifyError(parsed.error)) });
  return parsed.data;
}
