import { createRandom } from "@/db/random";
import { makeUscc } from "@/scripts/seed/seed";
import type { Db } from "@/db/create";
import { signUpEnterprise, signUpSchool, signUpStudent } from "@/server/accounts/sign-up";
import { signUpEnterpriseInput, signUpSchoolInput, signUpStudentInput, type SignUpEnterpriseInput, type SignUpSchoolInput, type SignUpStudentInput } from "@/server/schemas/accounts";
import { createInvitation, verifyOrganisation } from "@/server/organisations/manage";
import { createPost } from "@/server/posts/manage";
import { users } from "@/db/schema";
import { hashPassword } from "@/server/accounts/password";
import type { z } from "zod";
import type { PostingInput, placementInternshipDetails } from "@/server/schemas/postings";
import { monthDay, monthEnd, monthStart } from "./dates";

const random = createRandom(7);
let n = 0;
const next = () => ++n;

export const testPassword = "Passw0rd!x";

/** Valid enterprise sign-up input; override any field. */
export function enterpriseInput(overrides: Partial<SignUpEnterpriseInput> = {}): SignUpEnterpriseInput {
  const i = next();
  return {
    name: `企业用户${i}`,
    email: `ent${i}@example.cn`,
    password: testPassword,
    organisationName: `广州测试科技有限公司${i}`,
    uscc: makeUscc("440106", random),
    industryCode: "6513",
    staffCount: 200,
    integrationCertified: false,
    regionCode: "440106",
    address: "广州市天河区测试路 1 号",
    ...overrides,
  };
}

export function schoolInput(overrides: Partial<SignUpSchoolInput> = {}): SignUpSchoolInput {
  const i = next();
  return {
    name: `学校老师${i}`,
    email: `school${i}@example.cn`,
    password: testPassword,
    organisationName: `广州测试职业技术学院${i}`,
    schoolCode: String(4144000000 + i),
    schoolLevel: "higher_vocational",
    regionCode: "440106",
    address: "广州市天河区学院路 2 号",
    ...overrides,
  };
}

export function studentInput(invitationCode: string, overrides: Partial<SignUpStudentInput> = {}): SignUpStudentInput {
  const i = next();
  return {
    name: `学生${i}`,
    email: `stu${i}@example.cn`,
    password: testPassword,
    invitationCode,
    specialtyCode: "510201",
    enrolmentYear: 2024,
    birthDate: "2005-06-01",
    ...overrides,
  };
}

/**
 * An enterprise with one declared post (岗位) of as many staff as the whole host, so that its 10% cap, not
 * the post's 20%, is what binds unless a test says otherwise; `postId` names it in placement internships.
 */
export async function createEnterprise(db: Db, overrides: Partial<SignUpEnterpriseInput> = {}, { verified = true } = {}) {
  const input = signUpEnterpriseInput.parse(enterpriseInput(overrides));
  const created = await signUpEnterprise(db, input);
  if (verified) await verifyOrganisation(db, created.organisationId, created.userId);
  const post = await createPost(db, created.userId, { organisationId: created.organisationId, name: "软件开发工程师", staffCount: input.staffCount });
  return { ...created, postId: post.id };
}

export async function createSchool(db: Db, overrides: Partial<SignUpSchoolInput> = {}, { verified = true } = {}) {
  const created = await signUpSchool(db, signUpSchoolInput.parse(schoolInput(overrides)));
  if (verified) await verifyOrganisation(db, created.organisationId, created.userId);
  return created;
}

export async function createInvitationFor(db: Db, school: { organisationId: string; userId: string }, overrides: { maxUses?: number; validDays?: number } = {}) {
  return createInvitation(db, { organisationId: school.organisationId, label: "", maxUses: overrides.maxUses ?? 50, validDays: overrides.validDays ?? 30 }, school.userId);
}

export async function createStudent(db: Db, invitationCode: string, overrides: Partial<SignUpStudentInput> = {}) {
  return signUpStudent(db, signUpStudentInput.parse(studentInput(invitationCode, overrides)));
}

export async function createAdmin(db: Db) {
  const i = next();
  const passwordHash = await hashPassword(testPassword);
  const [admin] = await db.insert(users).values({ name: `管理员${i}`, email: `admin${i}@example.cn`, role: "admin", passwordHash }).returning();
  return admin!;
}

type PlacementDetails = z.input<typeof placementInternshipDetails>;

/**
 * A compliant placement internship for a 200-staff Guangzhou software company; override anything. Its dates
 * follow the test's today: apply by the 15th in three months, six months from the month after.
 */
export function placementInput(overrides: Partial<Omit<PostingInput & { kind: "placement_internship" }, "details">> = {}, details: Partial<PlacementDetails> = {}): PostingInput {
  return {
    kind: "placement_internship",
    title: "Java 开发实习生",
    description: "参与企业级应用开发，由资深工程师一对一指导。",
    regionCode: "440106",
    address: "广州市天河区软件路 1 号",
    industryCode: "6513",
    specialtyCodes: ["510201", "510203"],
    quantity: 5,
    startDate: monthStart(4),
    endDate: monthEnd(9),
    applyBy: monthDay(3, 15),
    contactName: "李经理",
    contactPhone: "020-12345678",
    details: {
      monthlyPay: 3000,
      sameWage: 3500,
      payFrequency: "monthly",
      feesToStudents: 0,
      withholdsIdDocuments: false,
      dailyHours: 8,
      weeklyDays: 5,
      nightShifts: false,
      overtime: false,
      holidayWork: false,
      riskKinds: [],
      exceptionFiled: false,
      exceptionReference: "",
      exceptionFiledOn: "",
      labourIntensity: "I",
      hazards: "久坐及长时间使用电脑：每小时休息 10 分钟，配备人体工学座椅。",
      minorForbiddenWork: [],
      liabilityInsurance: true,
      insurancePaidBy: "host",
      postStaffCount: 30,
      ...details,
    },
    ...overrides,
  };
}

export function programmeCohortInput(overrides: Partial<PostingInput> = {}): PostingInput {
  return {
    kind: "programme_cohort",
    title: `${monthStart(4).slice(0, 4)} 届计算机应用技术专业学生`,
    description: "45 名学生，掌握 Java、数据库与前端开发，可安排岗位实习和订单培养。",
    regionCode: "440106",
    address: "广州市天河区学院路 2 号",
    industryCode: "65",
    specialtyCodes: ["510201"],
    quantity: 45,
    startDate: monthStart(4),
    endDate: monthStart(8),
    applyBy: monthStart(3),
    contactName: "王老师",
    contactPhone: "020-87654321",
    details: { graduationYear: Number(monthStart(4).slice(0, 4)), skills: "Java 开发、MySQL、Vue 前端" },
    ...overrides,
  } as PostingInput;
}
