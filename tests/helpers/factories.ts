import { makeUscc, createRandom } from "@/db/seed";
import type { Db } from "@/db/create";
import { signUpEnterprise, signUpSchool, signUpStudent } from "@/server/accounts/sign-up";
import { signUpEnterpriseInput, signUpSchoolInput, signUpStudentInput, type SignUpEnterpriseInput, type SignUpSchoolInput, type SignUpStudentInput } from "@/server/schemas/accounts";
import { createInvitation, verifyOrganisation } from "@/server/organisations/manage";
import { users } from "@/db/schema";
import { hashPassword } from "@/server/accounts/password";

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

export async function createEnterprise(db: Db, overrides: Partial<SignUpEnterpriseInput> = {}, { verified = true } = {}) {
  const created = await signUpEnterprise(db, signUpEnterpriseInput.parse(enterpriseInput(overrides)));
  if (verified) await verifyOrganisation(db, created.organisationId, created.userId);
  return created;
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
  return db.insert(users).values({ name: `管理员${i}`, email: `admin${i}@example.cn`, role: "admin", passwordHash: await hashPassword(testPassword) }).returning().get();
}
