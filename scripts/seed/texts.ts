import type { PostingKind } from "../../db/schema";
import type { createRandom } from "../../db/random";

type Random = ReturnType<typeof createRandom>;

/** What a generated posting's title and description are written from. */
export interface TextContext {
  kind: PostingKind;
  /** The organisation's name without its city and legal form: 华信软件, 广州信息职业技术学院 stays whole. */
  shortName: string;
  orgName: string;
  city: string;
  industryName: string;
  /** Names of the specialties asked for or offered, the first one leading. */
  specialties: string[];
  quantity: number;
  /** The cohort year a title names: graduation year (programme cohort) or intake year (order class). */
  cohortYear: number;
  startDate: string;
  durationMonths: number;
  details: Record<string, unknown>;
}

const isSchoolKind = (kind: PostingKind) => kind === "programme_cohort" || kind === "school_training_base" || kind === "training_service";

/** Spring (Feb–Jul starts) or autumn batch, as hosts name their intakes. */
const batchOf = (startDate: string) => {
  const month = Number(startDate.slice(5, 7));
  return month >= 2 && month <= 7 ? "春季" : "秋季";
};

/**
 * Title templates per kind. Every one naming a cohort names its year in full (2027届, 2027级): a title such as
 * "虚拟现实技术应用届学生…" lost its year once.
 */
const titles: Record<PostingKind, ((c: TextContext) => string)[]> = {
  placement_internship: [
    (c) => `${c.specialties[0]}岗位实习生（${c.startDate.slice(0, 4)}年${batchOf(c.startDate)}）`,
    (c) => `${c.shortName}${c.specialties[0]}方向岗位实习`,
    (c) => `${c.city}${c.shortName}招收${c.specialties[0]}专业岗位实习生`,
    (c) => `${c.specialties[0]}储备技术员岗位实习（${c.durationMonths}个月）`,
  ],
  observation_visit: [
    (c) => `${c.shortName}生产一线认识实习开放日（${Number(c.startDate.slice(5, 7))}月）`,
    (c) => `${c.specialties[0]}专业企业参观认识实习`,
    (c) => `走进${c.shortName}：${c.specialties[0]}认识实习`,
  ],
  apprenticeship: [
    (c) => `${c.specialties[0]}现代学徒制学徒（${c.details.termMonths as number}个月）`,
    (c) => `${c.shortName}学徒岗位（${c.specialties[0]}方向）`,
    (c) => `${c.shortName}${c.startDate.slice(0, 4)}年招收${c.specialties[0]}方向学徒`,
  ],
  order_class: [
    (c) => `${c.cohortYear}级${c.specialties[0]}${c.shortName}冠名班订单培养`,
    (c) => `${c.shortName}${c.specialties[0]}订单班（${c.cohortYear}级）`,
    (c) => `${c.cohortYear}级${c.specialties[0]}冠名订单班`,
  ],
  enterprise_training_base: [
    (c) => `${c.shortName}${c.specialties[0]}生产性实训基地开放`,
    (c) => `${c.specialties[0]}企业实训基地（${c.city}）`,
    (c) => `${c.shortName}实训基地面向职业院校开放`,
  ],
  technical_need: [
    (c) => `${c.shortName}${c.industryName}工艺改进技术合作需求`,
    (c) => `${c.specialties[0]}方向技术攻关合作（${c.city}）`,
    (c) => `征集校企技术合作：${c.shortName}生产线改造`,
  ],
  mentor_offer: [
    (c) => `${c.specialties[0]}方向企业导师 / 兼职教师`,
    (c) => `${c.shortName}产业导师进课堂（${c.specialties[0]}）`,
    (c) => `${c.shortName}技术骨干兼职任教（${c.specialties[0]}）`,
  ],
  programme_cohort: [
    (c) => `${c.cohortYear}届${c.specialties[0]}专业毕业生源（${c.quantity}人）`,
    (c) => `${c.cohortYear}届${c.specialties[0]}专业学生可安排岗位实习`,
    (c) => `${c.shortName}${c.cohortYear}届${c.specialties[0]}专业学生寻求实习单位`,
  ],
  school_training_base: [
    (c) => `${c.specialties[0]}校内实训基地对外开放`,
    (c) => `${c.shortName}${c.specialties[0]}共享实训中心`,
    (c) => `${c.specialties[0]}实训室面向企业开放（${c.city}）`,
  ],
  training_service: [
    (c) => `${c.specialties[0]}方向企业职工技能提升培训`,
    (c) => `${c.shortName}面向企业的${c.specialties[0]}技术服务`,
    (c) => `${c.specialties[0]}职业技能等级证书培训`,
  ],
};

// Descriptions are short and built mostly from the posting's own facts, each fixed phrase in few postings: the
// search index reads words found in 8–50% of postings ahead of time (server/search/posting-index.ts). Only
// characters of PostgreSQL's cjk_bigrams() fast path (ASCII, CJK, full-width forms; no "·", "–" or curly
// quotes): other text takes its NFKC path, about 100 times slower, in every scan of the demo data.
const opening: Record<"enterprise" | "school", ((c: TextContext) => string)[]> = {
  enterprise: [(c) => `${c.orgName}（${c.city}，${c.industryName}）。`, (c) => `${c.city}${c.shortName}，主营${c.industryName}。`],
  school: [(c) => `${c.orgName}（${c.city}）。`, (c) => `${c.orgName}，公办职业院校。`],
};

const body: Record<PostingKind, ((c: TextContext) => string)[]> = {
  placement_internship: [
    (c) => `招收${c.specialties.join("、")}专业岗位实习生 ${c.quantity} 名，为期 ${c.durationMonths} 个月，企业导师一对一带教，报酬按月发放。`,
    (c) => `${c.specialties[0]}方向实习生跟随师傅在一线岗位学习，每天不超过 8 小时，不加班、不上夜班。`,
    (c) => `岗前安全教育后上岗，主要参与${c.specialties[0]}相关的日常工作，实习期间购买责任保险。`,
    (c) => `欢迎${c.specialties.join("、")}专业学生报名，面试通过后签订三方协议，${c.startDate.slice(5, 7)}月起到岗。`,
    (c) => `我们为实习生提供食宿补贴和技术培训，表现优秀者毕业后可留用，岗位共 ${c.quantity} 个。`,
    (c) => `实习内容涵盖${c.specialties[0]}的基础操作与质量检验，由班组长和技术员共同指导。`,
  ],
  observation_visit: [(c) => `面向${c.specialties.join("、")}专业学生开放参观，讲解岗位要求，全程有人陪同，不收费。`, () => `参观车间、质检中心和展示区，每批不超过 40 人，参观前讲解安全须知。`, (c) => `由工程师介绍${c.industryName}的生产流程和职业发展路径，可与一线员工交流。`],
  apprenticeship: [
    (c) => `现代学徒制，每位师傅带 ${c.details.apprenticesPerMaster as number} 名学徒，期满考核合格可取得${c.details.certificate as string}。`,
    (c) => `学徒在岗与在校学习交替进行，培养方案校企共同制定，面向${c.specialties.join("、")}专业。`,
  ],
  order_class: [
    (c) => `${c.cohortYear}级订单班招收 ${c.quantity} 人，企业派骨干授课并设奖学金，毕业考核合格优先录用。`,
    (c) => `面向${c.specialties.join("、")}专业，第三学年到企业岗位实习，耗材由企业承担。`,
  ],
  enterprise_training_base: [(c) => `基地有实训工位 ${Math.max(20, c.quantity * 2)} 个，可开展${c.specialties[0]}等专业实训，技术人员现场指导。`, () => `欢迎院校来基地开展认识实习、跟岗实训和教师企业实践，时间可协商。`],
  technical_need: [
    (c) => `希望与${c.specialties[0]}方向的院校团队合作解决工艺与质量问题，预算约 ${Math.round((c.details.budget as number) / 10000)} 万元。`,
    () => `欢迎有科研基础的教师团队对接，可联合申报横向课题，学生可参与项目。`,
  ],
  mentor_offer: [(c) => `可派资深技术骨干到院校兼职任教，每周约 ${c.details.hoursPerWeek as number} 学时，讲授${c.specialties[0]}实际项目。`, () => `兼职教师可参与课程开发、技能竞赛指导和毕业设计。`],
  // School postings speak of the school's own teachers and facilities, never of enterprise mentors.
  programme_cohort: [
    (c) => `${c.cohortYear}届${c.specialties[0]}专业共 ${c.quantity} 名学生，已完成核心课程，学校派校内指导教师跟进实习。`,
    (c) => `学生掌握${c.specialties[0]}核心技能，部分持有职业技能等级证书；学校负责三方协议和实习管理。`,
  ],
  school_training_base: [(c) => `校内${c.specialties[0]}实训基地可承接企业员工培训、技能鉴定和产品试制，由专任教师管理。`, () => `每学期第 8 至 16 周对外开放，企业可预约场地与设备。`],
  training_service: [(c) => `为企业职工提供${c.specialties[0]}方向的技能提升培训，双师型教师授课，课程可定制。`, () => `培训可在学校或企业现场进行，结业出具培训证明，费用由委托企业承担。`],
};

/** A title and a description for one generated posting, varied by template and complete (every cohort has its year). */
export function postingText(c: TextContext, random: Random): { title: string; description: string } {
  let title = random.pick(titles[c.kind])(c);
  // Titles are at most 60 characters (the schema): long specialty and company names fall back to the plainest form.
  if (title.length > 60) title = titles[c.kind][titles[c.kind].length - 1]!(c).slice(0, 60);
  const side = isSchoolKind(c.kind) ? "school" : "enterprise";
  const description = random.pick(opening[side])(c) + random.pick(body[c.kind])(c);
  return { title, description };
}

/** 藏医学, 蒙药学, …: ethnic-medicine specialties belong to the provinces whose medicine they teach. */
const ethnicMedicine: [RegExp, string[]][] = [
  [/^藏/, ["54", "63", "51", "62", "53"]],
  [/^蒙/, ["15", "21", "22", "23"]],
  [/^维/, ["65"]],
  [/^傣/, ["53"]],
  [/^朝/, ["22"]],
  [/^哈萨克/, ["65"]],
];

/** Whether a specialty fits a host in a province: everything does, except ethnic medicine far from its region. */
export function specialtyFitsRegion(specialtyName: string, provinceCode: string): boolean {
  const rule = ethnicMedicine.find(([pattern]) => pattern.test(specialtyName) && /医|药/.test(specialtyName));
  return !rule || rule[1].includes(provinceCode.slice(0, 2));
}
