import { TRPCError } from "@trpc/server";
import { organisationDetail } from "@/db/queries/organisations";
import { invitations as invitationsTable } from "@/db/schema";
import { beforeAll, describe, expect, it } from "vitest";
import { appRouter, createCaller } from "@/server/root";
import { accessMatrix, callers, type Caller, type Outcome } from "@/server/routers/access";
import { createContext } from "@/server/trpc";
import { cloneDb } from "../helpers/db";
import { placementInput, schoolInput, studentInput, enterpriseInput } from "../helpers/factories";
import { buildWorld, type World } from "../helpers/world";

let world: World;
beforeAll(async () => {
  world = await buildWorld();
}, 60_000);

/** A valid input for every procedure, naming the first school's, the host's or the student's data. */
function inputs(w: World): Record<string, unknown> {
  const school = w.school.organisationId;
  const host = w.enterprise.organisationId;
  const open = w.postings.open.id;
  return {
    "accounts.signUpEnterprise": enterpriseInput({ email: "matrix-ent@example.cn" }),
    "accounts.signUpSchool": schoolInput({ email: "matrix-school@example.cn", schoolCode: "4199999999" }),
    "accounts.signUpStudent": studentInput((w.db.select().from(invitationsTable).get() as { code: string }).code, { email: "matrix-stu@example.cn" }),
    "accounts.me": undefined,

    "applications.eligibility": { postingId: open },
    "applications.submit": { postingId: open, coverNote: "" },
    "applications.mine": undefined,
    "applications.withdraw": { applicationId: w.offeredApplication },
    "applications.respond": { applicationId: w.offeredApplication, accept: false },
    "applications.applicants": { organisationId: host, postingId: open },
    "applications.move": { organisationId: host, applicationId: w.submittedApplication, move: { action: "screen" } },
    "applications.forSchool": { organisationId: school },
    "applications.withoutPlacement": { organisationId: school },

    "notifications.list": {},
    "notifications.unreadCount": undefined,
    "notifications.markRead": {},

    "placements.get": { placementId: w.placements.pending },
    "placements.agreement": { placementId: w.placements.ready },
    "placements.listForOrganisation": { organisationId: school },
    "placements.approve": { placementId: w.placements.pending, schoolTutorId: w.ids.school },
    "placements.assignTutor": { placementId: w.placements.pending, tutorId: w.ids.school },
    "placements.recordInsurance": { placementId: w.placements.pending, insurer: "中国人寿", policyNumber: "PL-9", paidBy: "school" },
    "placements.consent": { placementId: w.placements.pending },
    "placements.confirmAgreement": { placementId: w.placements.ready, digest: w.placements.readyDigest },
    "placements.start": { placementId: w.placements.ready },
    "placements.terminate": { placementId: w.placements.pending, reason: "学生个人原因" },
    "placements.complete": { placementId: w.placements.active },
    "placements.writeLog": { placementId: w.placements.active, weekStart: "2026-11-16", content: "本周完成了报表模块的开发。" },
    "placements.commentLog": { logId: w.logId, content: "很好" },
    "placements.evaluate": { placementId: w.placements.active, score: 5, comment: "满意" },

    "organisations.get": { organisationId: school },
    "organisations.update": updateSchool,
    "organisations.members": { organisationId: school },
    "organisations.summary": { organisationId: school },
    "organisations.stats": undefined,
    "organisations.adminStats": undefined,
    "organisations.list": {},
    "organisations.verify": { organisationId: w.pendingEnterprise.organisationId },
    "organisations.reject": { organisationId: w.pendingEnterprise.organisationId, reason: "材料不全" },
    "organisations.invitations.list": { organisationId: school },
    "organisations.invitations.create": { organisationId: school, label: "", maxUses: 10, validDays: 30 },
    "organisations.invitations.revoke": { organisationId: school, invitationId: w.invitationId },

    "postings.get": { postingId: open },
    "postings.listOwn": { organisationId: host },
    "postings.formContext": { organisationId: host },
    "postings.create": { organisationId: host, posting: placementInput({ quantity: 1 }), submit: false },
    "postings.update": { organisationId: host, postingId: open, posting: w.postings.open.input, submit: false },
    "postings.submit": { organisationId: host, postingId: w.postings.draft.id },
    "postings.withdraw": { organisationId: host, postingId: open },
    "postings.close": { organisationId: host, postingId: open },
    "postings.reviewQueue": {},
    "postings.approve": { postingId: w.postings.submitted.id },
    "postings.reject": { postingId: w.postings.submitted.id, reason: "描述不清" },

    "match.forStudent": {},
    "match.forPosting": { organisationId: host, postingId: open },
    "match.forOrganisation": { organisationId: host },

    "reference.children": { taxonomy: "region", parentCode: null },
    "reference.search": { taxonomy: "specialty", query: "计算机" },
    "reference.paths": { taxonomy: "region", codes: ["440106"] },
    "search.postings": { query: "Java" },

    "students.me": undefined,
    "students.update": { name: "改名", specialtyCode: "510201", enrolmentYear: 2024, birthDate: "2005-06-01" },
    "students.get": { userId: w.ids.student },
    "students.listForSchool": { organisationId: school },
  };
}

let updateSchool: unknown;

/** Callers with no right to the fixture student's personal data. */
const outsiders: Caller[] = ["anonymous", "otherStudent", "otherSchool", "otherEnterprise"];
const leaks: string[] = [];

async function outcomeOf(path: string, caller: Caller, input: unknown): Promise<Outcome | string> {
  const db = cloneDb(world.db);
  const api = createCaller(await createContext({ db, userId: world.ids[caller] }));
  const procedure = path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], api) as (input: unknown) => Promise<unknown>;
  try {
    const result = JSON.stringify((await procedure(input)) ?? null);
    if (outsiders.includes(caller) && ["2005-07-13", "13912345678"].some((secret) => result.includes(secret))) leaks.push(`${path} as ${caller}`);
    return "ok";
  } catch (error) {
    if (error instanceof TRPCError) return error.code;
    return `crash: ${String(error)}`;
  }
}

describe("the authorisation matrix", () => {
  it("declares every procedure of the router, and nothing else", () => {
    const procedures = Object.keys(appRouter._def.procedures).sort();
    expect(Object.keys(accessMatrix).sort()).toEqual(procedures);
  });

  it("gives each caller exactly the declared outcome on every procedure", async () => {
    const detail = (await organisationDetail(world.db, world.school.organisationId))!;
    updateSchool = { organisationId: detail.id, kind: "school", name: detail.name, regionCode: detail.regionCode, address: detail.address, schoolLevel: detail.schoolLevel!, specialtyCodes: [] };
    const table = inputs(world);
    const mismatches: string[] = [];
    let cells = 0;
    for (const path of Object.keys(appRouter._def.procedures)) {
      for (const caller of callers) {
        const expected = accessMatrix[path]?.[caller];
        const actual = await outcomeOf(path, caller, table[path]);
        cells++;
        if (actual !== expected) mismatches.push(`${path} as ${caller}: expected ${expected}, got ${actual}`);
      }
    }
    expect(mismatches).toEqual([]);
    // Birth date and mobile number never reach anyone outside the student, their school and the host.
    expect(leaks).toEqual([]);
    expect(cells).toBe(Object.keys(accessMatrix).length * callers.length);
  }, 120_000);
});
