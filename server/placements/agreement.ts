import { createHash } from "node:crypto";
import type { PlacementDetail } from "../../db/queries/placements";
import { translate } from "../i18n/messages";

/**
 * The tripartite agreement (三方协议) of a placement, written from the three parties' data under the headings
 * of the national model agreement (《职业学校学生岗位实习三方协议（示范文本）》). It is derived, not typed:
 * when a fact changes, the text and its digest change, and earlier confirmations no longer count.
 * The agreement is a Chinese legal document; it is produced in Chinese whatever the reader's language.
 */
export interface AgreementSection {
  heading: string;
  lines: string[];
}
export interface Agreement {
  title: string;
  sections: AgreementSection[];
  digest: string;
}

const zh = (key: string) => translate("zh-CN", key);
const yuan = (n: unknown) => `${new Intl.NumberFormat("zh-CN").format(Number(n ?? 0))} 元`;
const pending = "（待填写）";
/** A detail field as text (details are JSON validated by the posting schema; absent ones read as empty). */
const text = (v: unknown) => (typeof v === "string" || typeof v === "number" ? String(v) : "");

export function buildAgreement(d: PlacementDetail): Agreement {
  const p = d.placement;
  const details = d.posting.details;
  const isPlacement = d.posting.kind === "placement_internship";
  const sections: AgreementSection[] = [
    {
      heading: "一、协议各方",
      lines: [
        `甲方（学校）：${d.school.name}（学校标识码 ${d.school.code ?? "—"}），地址：${d.school.address}，联系人：${d.school.contactName || "—"} ${d.school.contactPhone}`,
        `乙方（实习单位）：${d.host.name}（统一社会信用代码 ${d.host.uscc ?? "—"}），地址：${d.host.address}，联系人：${d.posting.contactName} ${d.posting.contactPhone}`,
        `丙方（学生）：${d.student.name}，${d.specialtyName}专业 ${d.profile.enrolmentYear} 级，出生日期 ${d.profile.birthDate}，联系方式：${d.student.mobile ?? d.student.email ?? "—"}`,
      ],
    },
    {
      heading: "二、实习岗位与内容",
      lines: [`实习类型：${zh(`kind.${d.posting.kind}`)}；岗位：${d.posting.title}`, `实习地点：${d.regionName} ${d.posting.address}`, `岗位职责与实习内容：${d.posting.description}`],
    },
    { heading: "三、实习期限", lines: [`自 ${p.startDate} 起至 ${p.endDate} 止。`] },
    {
      heading: "四、工作时间与休息休假",
      lines: isPlacement
        ? [
            `每日工作 ${text(details.dailyHours)} 小时，每周工作 ${text(details.weeklyDays)} 天。`,
            "乙方不得安排丙方加班、上夜班或在法定节假日实习，确需安排的须事先报学校备案并经丙方同意。",
            // The exception filed with the education authority, when the posting states one.
            ...(details.exceptionFiled === true && text(details.exceptionReference)
              ? [`特殊情况已报教育行政部门备案：备案文号 ${text(details.exceptionReference)}，备案日期 ${text(details.exceptionFiledOn) || "—"}。`]
              : []),
          ]
        : ["按乙方正常作息时间安排，保证丙方休息休假。"],
    },
    {
      heading: "五、实习报酬及支付方式",
      lines:
        "monthlyPay" in details
          ? [
              `实习报酬 ${yuan(details.monthlyPay)}/月，${zh(`option.payFrequency.${text(details.payFrequency) || "monthly"}`)}，以货币形式直接足额支付给丙方本人。`,
              "任何一方不得以任何名义向丙方收取押金、培训费、管理费等费用，不得扣押丙方居民身份证等证件。",
            ]
          : ["本次实习不涉及报酬；任何一方不得向丙方收取任何费用。"],
    },
    {
      heading: "六、保险",
      lines: [
        p.insurancePolicyNumber
          ? `实习责任保险：承保机构 ${p.insurer ?? "—"}，保单号 ${p.insurancePolicyNumber}，保费由${p.insurancePaidBy === "school" ? "甲方（学校）" : "乙方（实习单位）"}承担，覆盖实习全过程；保险费用不得由丙方承担。`
          : `实习责任保险：${pending}（保费不得由丙方承担）`,
      ],
    },
    {
      heading: "七、安全与劳动保护",
      lines: [
        isPlacement ? `体力劳动强度：${zh(`option.labourIntensity.${text(details.labourIntensity)}`)}；岗位风险说明：${text(details.hazards) || "无特殊风险"}` : "乙方提供符合国家标准的安全生产条件。",
        "乙方对丙方进行安全教育和岗前培训，提供必要的劳动防护用品；不得安排丙方从事高空、井下、放射性、剧毒、易燃易爆等危险作业，不得安排未成年学生从事国家规定的禁忌劳动。",
      ],
    },
    {
      heading: "八、实习指导",
      lines: [`学校指导教师：${d.schoolTutorName ?? pending}`, `企业指导教师（师傅）：${d.hostTutorName ?? pending}`, "双方指导教师共同指导丙方实习，批阅实习周志，实习结束时进行考核评价。"],
    },
    {
      heading: "九、协议的变更与解除",
      lines: [
        "经三方协商一致，可以变更或解除本协议。",
        "乙方违反实习管理规定、危害丙方安全健康的，甲方和丙方有权解除协议；丙方严重违反实习纪律的，乙方可商甲方后解除协议。",
      ],
    },
    {
      heading: "十、争议解决",
      lines: ["因本协议发生争议的，三方协商解决；协商不成的，可向甲方所在地教育行政部门申请调解，或依法向人民法院提起诉讼。"],
    },
  ];
  const title = `职业学校学生${isPlacement ? "岗位实习" : zh(`kind.${d.posting.kind}`)}三方协议`;
  const digest = createHash("sha256").update(JSON.stringify({ title, sections })).digest("hex").slice(0, 16);
  return { title, sections, digest };
}
