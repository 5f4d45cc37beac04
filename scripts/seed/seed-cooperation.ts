import { and, eq } from "drizzle-orm";
import { acceptProposal, postMessage, propose } from "../../server/cooperation/manage";
import type { Db } from "../../db/create";
import type { createRandom } from "../../db/random";
import { memberships, organisations, placements } from "../../db/schema";
import { cooperationKinds } from "../../db/schema-enums";
import { addDays } from "./generate";


/**
 * Cooperation in the demo data, made through the domain functions: the demo school and enterprise run an
 * order class and a training base and are discussing an apprenticeship; other verified schools and
 * enterprises have projects of every kind, so the ledgers and reports have something to show.
 */
export async function seedCooperation(db: Db, ctx: { today: string; random: ReturnType<typeof createRandom>; demoSchoolId: string; demoEnterpriseId: string }) {
  const { today, random } = ctx;
  const owner = async (organisationId: string) =>
    (await db.select({ userId: memberships.userId }).from(memberships).where(and(eq(memberships.organisationId, organisationId), eq(memberships.role, "owner"))).limit(1))[0]!.userId;
  const agree = async (from: string, to: string, kind: (typeof cooperationKinds)[number], title: string, start: string, years: number, students: number, mentors: number) => {
    const { id } = await propose(db, await owner(from), from, { toOrganisationId: to, kind, title, message: `贵单位好，我们希望开展“${title}”合作，具体方案可进一步商议。` });
    await postMessage(db, await owner(to), to, { proposalId: id, body: "收到，欢迎合作。请提供培养方案和时间安排。" });
    await acceptProposal(db, to, { proposalId: id, startDate: start, endDate: addDays(start, years * 365), studentCount: students, mentorCount: mentors, documents: "合作协议（盖章扫描件）\n人才培养方案" });
  };

  const school = ctx.demoSchoolId;
  const enterprise = ctx.demoEnterpriseId;
  await agree(enterprise, school, "order_class", "软件技术专业订单班", addDays(today, -450), 3, 45, 4);
  await agree(school, enterprise, "training_base", "共建软件开发生产性实训基地", addDays(today, -300), 3, 120, 6);
  const open = await propose(db, await owner(enterprise), enterprise, { toOrganisationId: school, kind: "apprenticeship", title: "2027 级现代学徒制试点班", message: "我们计划招收 20 名学徒，企业师傅一对二带教，希望与贵校共同制定培养方案。" });
  await postMessage(db, await owner(school), school, { proposalId: open.id, body: "感谢邀请，我校计算机应用技术专业有意向，下周可安排对接会。" });

  const verified = await db.select({ id: organisations.id, kind: organisations.kind }).from(organisations).where(eq(organisations.verificationStatus, "verified"));
  const schools = verified.filter((o) => o.kind === "school" && o.id !== school);
  const enterprises = verified.filter((o) => o.kind === "enterprise" && o.id !== enterprise);
  const titles: Record<(typeof cooperationKinds)[number], string> = {
    order_class: "订单班",
    apprenticeship: "现代学徒制试点",
    training_base: "共建实训基地",
    industry_college: "共建产业学院",
    technical_project: "技术攻关项目",
    teacher_practice: "教师企业实践",
    part_time_teaching: "企业技术人员兼职任教",
  };
  for (let i = 0; i < 60; i++) {
    const s = random.pick(schools);
    const e = random.pick(enterprises);
    const kind = random.pick([...cooperationKinds]);
    const students = kind === "order_class" || kind === "apprenticeship" ? random.int(15, 50) : kind === "training_base" ? random.int(30, 200) : 0;
    const [from, to] = random.next() < 0.5 ? [s.id, e.id] : [e.id, s.id];
    await agree(from, to, kind, titles[kind], addDays(today, -random.int(30, 1000)), random.int(1, 3), students, random.int(0, 5));
  }
  // Some students were hired after their placement.
  for (const p of await db.select({ id: placements.id }).from(placements).where(eq(placements.status, "completed"))) {
    if (random.next() < 0.5) await db.update(placements).set({ hiredAfter: true }).where(eq(placements.id, p.id));
  }
}
