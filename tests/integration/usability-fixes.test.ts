import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { schoolSpecialties, specialtyIndustryMap } from "@/db/schema";
import { NotAllowed } from "@/app/_components/not-allowed";
import { detailValue } from "@/app/_components/postings/detail-value";
import { detailFields } from "@/app/_components/postings/fields";
import { followedIndustry } from "@/app/_components/postings/industry-default";
import { acceptProposal, propose } from "@/server/cooperation/manage";
import { refusalResponse } from "@/server/http/refusal";
import { formatters, translate, translator } from "@/server/i18n/messages";
import { reportTables } from "@/server/reports/export";
import { enterpriseParticipation } from "@/server/reports/outcomes";
import { industryCode } from "@/server/schemas/common";
import { searchPostingsInput } from "@/server/schemas/search";
import { parseSearchParams } from "@/server/schemas/search-params";
import { callerFor, createTestDb } from "../helpers/db";
import { createAdmin, createEnterprise, createSchool } from "../helpers/factories";

/** Issue 20 item 4: the bugs a new user hit, each with the check that failed before its fix. */
describe("years", () => {
  it("are shown without grouping on a posting's details, in both languages", () => {
    const year = detailFields.order_class.find((f) => f.name === "intakeYear")!;
    const graduation = detailFields.programme_cohort.find((f) => f.name === "graduationYear")!;
    for (const locale of ["zh-CN", "en"] as const) {
      const f = formatters(locale);
      expect(f.number(2027)).toBe("2,027"); // what the page printed: a year formatted as a quantity
      expect(detailValue(year, 2027, translator(locale), f)).toBe("2027");
      expect(detailValue(graduation, "2028", translator(locale), f)).toBe("2028");
      expect(f.year(2027)).toBe("2027");
    }
  });

  it("every detail field named as a year uses the year formatter", () => {
    const yearFields = Object.values(detailFields)
      .flat()
      .filter((f) => /Year$/.test(f.name));
    expect(yearFields.length).toBeGreaterThanOrEqual(2);
    expect(yearFields.every((f) => f.type === "year")).toBe(true);
  });
});

describe("the specialty→industry map search", () => {
  it("finds by name or by any level's code, and a name never lists every class", async () => {
    const db = await createTestDb();
    const admin = await callerFor(db, (await createAdmin(db)).id);
    const codes = async (query: string) => (await admin.admin.specialtyMap({ query })).map((e) => e.domainCode);
    expect(await admin.admin.specialtyMap({})).toHaveLength(97);
    expect(await codes("护理")).toEqual(["1202"]); // was all 97 (LIKE '%')
    expect(await codes("计算机")).toEqual(["1102"]);
    expect(await codes("1102")).toEqual(["1102"]);
    expect(await codes("5102")).toEqual(["1102"]); // 高职 计算机类
    expect(await codes("510201")).toEqual(["1102"]); // 计算机应用技术
    expect((await codes("12")).every((c) => c.startsWith("12"))).toBe(true);
    expect(await codes("%")).toEqual([]);
    expect(await codes("没有这个专业类")).toEqual([]);
  });

  it("edits the row searched for, and only that row", async () => {
    const db = await createTestDb();
    const admin = await callerFor(db, (await createAdmin(db)).id);
    const [row] = await admin.admin.specialtyMap({ query: "护理" });
    await admin.admin.editSpecialtyMap({ domainCode: row!.domainCode, primaryDivisions: ["84", "85"], relatedDivisions: [] });
    const changed = await db.select().from(specialtyIndustryMap).where(eq(specialtyIndustryMap.version, 2));
    expect(changed.map((r) => [r.domainCode, r.primaryDivisions])).toEqual([["1202", ["84", "85"]]]);
  });
});

describe("industry codes as typed", () => {
  it("accept case, spaces and a section letter in front, and say what is wrong otherwise", () => {
    expect(industryCode.parse("I64")).toBe("64");
    expect(industryCode.parse("i 6513")).toBe("6513");
    expect(industryCode.parse("c")).toBe("C");
    expect(industryCode.parse("8336")).toBe("8336");
    const message = (v: string) => industryCode.safeParse(v).error?.issues[0]?.message;
    expect(message("C64")).toBe("errors.industrySection");
    expect(message("641234")).toBe("errors.industryFormat");
    expect(message("I64x")).toBe("errors.industryFormat");
    expect(message("")).toBe("errors.industry");
  });

  it("filter a search as the plain code does, and the industry picker finds them", async () => {
    const db = await createTestDb();
    const anon = await callerFor(db);
    const found = async (query: string) => (await anon.reference.search({ taxonomy: "industry", query, limit: 30 })).map((r) => r.code);
    expect((await found("I64"))[0]).toBe("64");
    expect(await found("i 6513")).toEqual(["6513"]);
    expect(await found("64")).toEqual(await found("I64"));
    expect((await anon.search.postings({ industryCode: "I64" })).total).toBe((await anon.search.postings({ industryCode: "64" })).total);
  });
});

describe("search URL parameters", () => {
  it("drop only the bad ones and name each with its reason", () => {
    // Before: the page parsed all parameters at once, so one bad value threw every filter away.
    expect(searchPostingsInput.safeParse({ query: "软件", regionCode: "440300", payMin: -5 }).success).toBe(false);
    const { input, ignored } = parseSearchParams({ q: "软件", region: "440300", kind: "placement_internship", payMin: "-5", sort: "bogus", ck: "abc" });
    expect(input).toMatchObject({ query: "软件", regionCode: "440300", kinds: ["placement_internship"], sort: "relevance" });
    expect(input.payMin).toBeUndefined();
    expect(input.cursor).toBeUndefined();
    expect(ignored).toEqual([
      { name: "payMin", value: "-5", reason: "range" },
      { name: "sort", value: "bogus", reason: "unknown" },
      { name: "page", value: "ck=abc&cr=", reason: "incomplete" },
    ]);
    expect(parseSearchParams({ ck: "abc", cr: "3" }).ignored).toEqual([{ name: "page", value: "ck=abc&cr=3", reason: "format" }]);
    expect(parseSearchParams({ payMin: "abc", industry: "I64", kind: "nope" })).toMatchObject({
      input: { industryCode: "64" },
      ignored: [
        { name: "kind", reason: "unknown" },
        { name: "payMin", reason: "format" },
      ],
    });
    expect(parseSearchParams({ region: "440300", payMin: "3000", sort: "pay" })).toMatchObject({ input: { regionCode: "440300", payMin: 3000, sort: "pay" }, ignored: [] });
  });

  it("drop a keyword holding U+0000 or half a character, which the procedure would refuse whole", async () => {
    // Before: /search?q=%00 reached search.page, which refused the call, and the page failed.
    const api = await callerFor(await createTestDb());
    for (const q of ["软件\u0000", "软件\uD800"]) {
      const { input, ignored } = parseSearchParams({ q, region: "440300" });
      expect([input.query, input.regionCode, ignored]).toEqual([undefined, "440300", [{ name: "q", value: "软件\uFFFD", reason: "format" }]]);
      expect((await api.search.page(input)).items).toEqual(expect.any(Array));
    }
  });

  it("say so on the page in the reader's language", () => {
    const text = (locale: "zh-CN" | "en") =>
      translate(locale, "search.ignored", { list: translate(locale, "search.ignoredParam", { name: translate(locale, "search.param.payMin"), value: "-5", reason: translate(locale, "search.reason.range") }) });
    expect(text("zh-CN")).toContain("最低月薪＝“-5”（超出范围）");
    expect(text("en")).toContain('minimum monthly pay = "-5" (out of range)');
  });
});

describe("an export link opened while signed out", () => {
  it("goes to sign-in and back to the same export, and other refusals are readable", async () => {
    const db = await createTestDb();
    const error = await reportTables(await callerFor(db), "supply-demand", new URLSearchParams({ format: "csv" }), translator("zh-CN")).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TRPCError);
    const res = refusalResponse(error as TRPCError, "http://localhost:3000/api/reports/supply-demand?format=csv&province=440000", "zh-CN");
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/sign-in?callbackUrl=${encodeURIComponent("/api/reports/supply-demand?format=csv&province=440000")}`);

    const forbidden = refusalResponse(new TRPCError({ code: "FORBIDDEN", message: "errors.FORBIDDEN" }), "http://localhost/api/reports/school-outcomes", "en");
    expect(forbidden.status).toBe(403);
    const body = await forbidden.text();
    expect(body).toContain(translate("en", "errors.FORBIDDEN"));
    expect(body).toContain('href="/home"');
    expect(body).not.toBe("FORBIDDEN");
  });
});

describe("an enterprise's participation row", () => {
  it("counts the school of its order class as a partner school", async () => {
    const db = await createTestDb();
    const school = await createSchool(db);
    const host = await createEnterprise(db);
    const { id } = await propose(db, host.userId, host.organisationId, { toOrganisationId: school.organisationId, kind: "order_class", title: "2027 级软件订单班", message: "希望合作开设订单班" });
    await acceptProposal(db, school.organisationId, { proposalId: id, startDate: "2026-09-01", endDate: "2029-06-30", studentCount: 45, mentorCount: 3, documents: "" });
    const { byYear } = await enterpriseParticipation(db, host.organisationId);
    expect(byYear.find((r) => r.year === 2026)).toMatchObject({ orderClass: 45, schools: 1 }); // was 45 and 0
  });
});

describe("a school's posting form", () => {
  it("starts under the school's own industry and knows the industry of each specialty it runs", async () => {
    const db = await createTestDb();
    const school = await createSchool(db);
    const secondary = await createSchool(db, { schoolLevel: "secondary" });
    await db.insert(schoolSpecialties).values([
      { organisationId: school.organisationId, specialtyCode: "520201" },
      { organisationId: school.organisationId, specialtyCode: "510201" },
    ]);
    const context = await (await callerFor(db, school.userId)).postings.formContext({ organisationId: school.organisationId });
    expect(context.defaults.industryCode).toBe("8341");
    expect(context.industryBySpecialty).toEqual({ "520201": { code: "84", name: "卫生" }, "510201": { code: "65", name: "软件和信息技术服务业" } });
    expect((await (await callerFor(db, secondary.userId)).postings.formContext({ organisationId: secondary.organisationId })).defaults.industryCode).toBe("8336");
  });
});

describe("the industry a school's posting form fills in", () => {
  it("follows the chosen specialty until the user picks an industry", () => {
    expect(followedIndustry("8341", "8341", "84")).toBe("84"); // the school's default gives way
    expect(followedIndustry("", "8341", "84")).toBe("84");
    expect(followedIndustry("84", "84", "65")).toBe("65"); // still the filled-in value: follows the new specialty
    expect(followedIndustry("6513", "84", "65")).toBeNull(); // the user's own choice stays
    expect(followedIndustry("8341", "8341", undefined)).toBeNull();
    expect(followedIndustry("84", "84", "84")).toBeNull();
  });
});

describe("pages that refuse or have nothing to show", () => {
  it("offer a way on, in either language", () => {
    for (const locale of ["zh-CN", "en"] as const) {
      const html = renderToStaticMarkup(createElement(NotAllowed, { t: translator(locale) }));
      expect(html).toContain('href="/home"');
      expect(html).toContain('href="/sign-in"');
      expect(html).toContain(translate(locale, "common.goHome"));
    }
  });

  it("English mode has no Chinese per-month or colon fragments", () => {
    expect(translate("en", "common.perMonth", { amount: "CN¥3,200" })).toBe("CN¥3,200 / month");
    expect(translate("en", "common.label", { label: "Published by" })).toBe("Published by: ");
    expect(translate("zh-CN", "common.label", { label: "发布单位" })).toBe("发布单位：");
    expect(translate("en", "common.withCount", { label: "Placements", n: 3 })).toBe("Placements (3)");
  });
});
