import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/create";
import { organisations, schoolSpecialties } from "@/db/schema";
import { callerFor, createTestDb } from "../helpers/db";
import { createAdmin, createEnterprise, createInvitationFor, createSchool, createStudent } from "../helpers/factories";

let db: Db;
beforeEach(async () => {
  db = await createTestDb();
});

async function codeOf(call: Promise<unknown>) {
  const error = await call.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(TRPCError);
  return (error as TRPCError).code;
}

const enterpriseUpdate = (organisationId: string) => ({
  organisationId,
  kind: "enterprise" as const,
  name: "广州新名称科技有限公司",
  regionCode: "440106",
  address: "广州市天河区新地址 8 号",
  description: "简介",
  industryCode: "6531",
  staffCount: 300,
  integrationCertified: true,
  contactName: "",
  contactPhone: "020-12345678",
  website: "https://example.cn",
});

describe("organisation profiles", () => {
  it("shows a verified organisation to anyone and hides a pending one from all but members and admins", async () => {
    const verified = await createEnterprise(db);
    const pending = await createEnterprise(db, {}, { verified: false });
    const anon = await callerFor(db);
    await expect(anon.organisations.get({ organisationId: verified.organisationId })).resolves.toMatchObject({ canEdit: false });
    expect(await codeOf(anon.organisations.get({ organisationId: pending.organisationId }))).toBe("NOT_FOUND");
    const other = await callerFor(db, verified.userId);
    expect(await codeOf(other.organisations.get({ organisationId: pending.organisationId }))).toBe("NOT_FOUND");
    const owner = await callerFor(db, pending.userId);
    await expect(owner.organisations.get({ organisationId: pending.organisationId })).resolves.toMatchObject({ canEdit: true, verificationStatus: "pending" });
    const admin = await callerFor(db, (await createAdmin(db)).id);
    await expect(admin.organisations.get({ organisationId: pending.organisationId })).resolves.toMatchObject({ canEdit: false, viewerIsAdmin: true });
  });

  it("lets a member edit and refuses a member of another organisation, a student and anonymous", async () => {
    const mine = await createEnterprise(db);
    const theirs = await createEnterprise(db);
    const school = await createSchool(db);
    const student = await createStudent(db, (await createInvitationFor(db, school)).code);

    const owner = await callerFor(db, mine.userId);
    await owner.organisations.update(enterpriseUpdate(mine.organisationId));
    const saved = (await db.select().from(organisations).where(eq(organisations.id, mine.organisationId)).limit(1))[0]!;
    // A verified organisation's verified facts (name, industry, staff count, 产教融合型企业) wait for verification;
    // the rest applies at once and the organisation stays verified (see review-holds.test.ts).
    expect(saved).toMatchObject({ website: "https://example.cn", address: "广州市天河区新地址 8 号", verificationStatus: "verified", integrationCertified: false });
    expect(saved.name).not.toBe("广州新名称科技有限公司");

    expect(await codeOf((await callerFor(db, theirs.userId)).organisations.update(enterpriseUpdate(mine.organisationId)))).toBe("FORBIDDEN");
    expect(await codeOf((await callerFor(db, student.userId)).organisations.update(enterpriseUpdate(mine.organisationId)))).toBe("FORBIDDEN");
    expect(await codeOf((await callerFor(db)).organisations.update(enterpriseUpdate(mine.organisationId)))).toBe("UNAUTHORIZED");
  });

  it("refuses an update whose kind does not match the organisation", async () => {
    const school = await createSchool(db);
    const owner = await callerFor(db, school.userId);
    expect(await codeOf(owner.organisations.update(enterpriseUpdate(school.organisationId)))).toBe("BAD_REQUEST");
  });

  it("saves a school's specialties and refuses codes that are not 专业", async () => {
    const school = await createSchool(db);
    const owner = await callerFor(db, school.userId);
    const base = { organisationId: school.organisationId, kind: "school" as const, name: "广州测试职业技术学院", regionCode: "440106", address: "学院路 2 号", schoolLevel: "higher_vocational" as const };
    await owner.organisations.update({ ...base, specialtyCodes: ["510201", "510203", "510201"] });
    expect(await db.select().from(schoolSpecialties).where(eq(schoolSpecialties.organisationId, school.organisationId))).toHaveLength(2);
    expect(await codeOf(owner.organisations.update({ ...base, specialtyCodes: ["5102"] }))).toBe("BAD_REQUEST");
    expect(await codeOf(owner.organisations.update({ ...base, specialtyCodes: ["999999"] }))).toBe("BAD_REQUEST");
    expect(await db.select().from(schoolSpecialties).where(eq(schoolSpecialties.organisationId, school.organisationId))).toHaveLength(2);
  });
});

describe("verification by administrators", () => {
  it("lists pending organisations, verifies one and rejects another with a reason the owner sees", async () => {
    const a = await createEnterprise(db, {}, { verified: false });
    const b = await createSchool(db, {}, { verified: false });
    await createEnterprise(db);
    const admin = await callerFor(db, (await createAdmin(db)).id);
    const pending = await admin.organisations.list({ status: "pending" });
    expect(pending.total).toBe(2);
    expect(pending.items.map((o) => o.id).sort()).toEqual([a.organisationId, b.organisationId].sort());

    await admin.organisations.verify({ organisationId: a.organisationId });
    await admin.organisations.reject({ organisationId: b.organisationId, reason: "学校标识码与名称不符" });
    const owner = await callerFor(db, b.userId);
    expect(await owner.organisations.get({ organisationId: b.organisationId })).toMatchObject({ verificationStatus: "rejected", rejectionReason: "学校标识码与名称不符" });
    expect((await admin.organisations.list({ status: "pending" })).total).toBe(0);
    expect((await admin.organisations.list({ kind: "school", query: "广州测试" })).total).toBe(1);
  });

  it("shows the evidence an organisation supplied to administrators, never to the public, and logs each decision", async () => {
    const a = await createEnterprise(db, {}, { verified: false });
    await db.update(organisations).set({ verificationEvidence: "营业执照编号 440106000123456" }).where(eq(organisations.id, a.organisationId));
    const admin = await callerFor(db, (await createAdmin(db)).id);
    expect((await admin.organisations.list({ status: "pending" })).items[0]!.verificationEvidence).toBe("营业执照编号 440106000123456");
    await admin.organisations.verify({ organisationId: a.organisationId });
    expect((await (await callerFor(db)).organisations.get({ organisationId: a.organisationId })).verificationEvidence).toBe("");
    expect((await (await callerFor(db, a.userId)).organisations.get({ organisationId: a.organisationId })).verificationEvidence).toBe("营业执照编号 440106000123456");
    const log = await admin.admin.auditLog({ action: "organisation.verify" });
    expect(log.items.map((e) => e.targetId)).toContain(a.organisationId);
  });

  it("pages through the list without gaps or repeats", async () => {
    for (let i = 0; i < 5; i++) await createEnterprise(db, {}, { verified: false });
    const admin = await callerFor(db, (await createAdmin(db)).id);
    const first = await admin.organisations.list({ limit: 2 });
    const second = await admin.organisations.list({ limit: 2, cursor: first.nextCursor! });
    const third = await admin.organisations.list({ limit: 2, cursor: second.nextCursor! });
    expect(third.nextCursor).toBeNull();
    const ids = [...first.items, ...second.items, ...third.items].map((o) => o.id);
    expect(new Set(ids).size).toBe(5);
  });

  it("refuses verification calls from anyone but administrators", async () => {
    const e = await createEnterprise(db, {}, { verified: false });
    const owner = await callerFor(db, e.userId);
    expect(await codeOf(owner.organisations.verify({ organisationId: e.organisationId }))).toBe("FORBIDDEN");
    expect(await codeOf(owner.organisations.list({}))).toBe("FORBIDDEN");
    expect(await codeOf((await callerFor(db)).organisations.reject({ organisationId: e.organisationId, reason: "不行" }))).toBe("UNAUTHORIZED");
    const admin = await callerFor(db, (await createAdmin(db)).id);
    expect(await codeOf(admin.organisations.reject({ organisationId: e.organisationId, reason: "" }))).toBe("BAD_REQUEST");
    expect(await codeOf(admin.organisations.verify({ organisationId: crypto.randomUUID() }))).toBe("NOT_FOUND");
  });
});

describe("invitation codes", () => {
  it("are managed by the school's staff only", async () => {
    const school = await createSchool(db);
    const otherSchool = await createSchool(db);
    const enterprise = await createEnterprise(db);
    const staff = await callerFor(db, school.userId);
    const created = await staff.organisations.invitations.create({ organisationId: school.organisationId, label: "2026级计应1班", maxUses: 45, validDays: 30 });
    expect(created.code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(await staff.organisations.invitations.list({ organisationId: school.organisationId })).toHaveLength(1);
    const other = await callerFor(db, otherSchool.userId);
    expect(await codeOf(other.organisations.invitations.list({ organisationId: school.organisationId }))).toBe("FORBIDDEN");
    // Another school's staff cannot revoke it even through their own organisation.
    expect(await codeOf(other.organisations.invitations.revoke({ organisationId: otherSchool.organisationId, invitationId: created.id }))).toBe("NOT_FOUND");
    const ent = await callerFor(db, enterprise.userId);
    expect(await codeOf(ent.organisations.invitations.create({ organisationId: enterprise.organisationId, label: "", maxUses: 1, validDays: 1 }))).toBe("FORBIDDEN");
    expect(await codeOf(staff.organisations.invitations.create({ organisationId: school.organisationId, label: "", maxUses: 0, validDays: 1 }))).toBe("BAD_REQUEST");
  });
});
