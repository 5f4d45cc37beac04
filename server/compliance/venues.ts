/**
 * Where students may never be placed, as data: every kind of place 《职业学校学生实习管理规定》
 * (教职成〔2021〕4号) 第十六条 names, mapped to the GB/T 4754-2017 国民经济行业分类 小类 that hold it.
 *
 *   第十六条（五）“安排学生到酒吧、夜总会、歌厅、洗浴中心、电子游戏厅、网吧等营业性娱乐场所实习”
 *   第十六条（六）“通过中介机构或有偿代理组织、安排和管理学生实习工作”
 *
 * Codes and names are those of db/reference/industries.json (tests/unit/compliance/venues.test.ts checks
 * every entry against it); the mapping is ours, see db/reference/SOURCES.md §6. Client-safe: no imports.
 */

export interface BannedVenue {
  /** GB/T 4754-2017 小类 (4 digits). */
  code: string;
  /** Its name in GB/T 4754-2017. */
  nameZh: string;
  /** "venue": a commercial entertainment venue (（五）); "intermediary": an agency or paid agent (（六）). */
  kind: "venue" | "intermediary";
  /** The place as the regulation names it, for the message. */
  placeZh: string;
  placeEn: string;
  /** Why this class holds the place. */
  source: string;
}

export const bannedVenues: readonly BannedVenue[] = [
  { code: "6233", nameZh: "酒吧服务", kind: "venue", placeZh: "酒吧", placeEn: "bars", source: "第十六条（五）酒吧 → 62 餐饮业 / 623 饮料及冷饮服务 / 6233 酒吧服务" },
  { code: "9011", nameZh: "歌舞厅娱乐活动", kind: "venue", placeZh: "夜总会、歌厅", placeEn: "night clubs and karaoke halls", source: "第十六条（五）夜总会、歌厅 → 90 娱乐业 / 901 室内娱乐活动 / 9011 歌舞厅娱乐活动" },
  { code: "9012", nameZh: "电子游艺厅娱乐活动", kind: "venue", placeZh: "电子游戏厅", placeEn: "video game arcades", source: "第十六条（五）电子游戏厅 → 901 室内娱乐活动 / 9012 电子游艺厅娱乐活动" },
  { code: "9013", nameZh: "网吧活动", kind: "venue", placeZh: "网吧", placeEn: "internet cafés", source: "第十六条（五）网吧 → 901 室内娱乐活动 / 9013 网吧活动" },
  { code: "9019", nameZh: "其他室内娱乐活动", kind: "venue", placeZh: "其他室内娱乐场所", placeEn: "other indoor entertainment venues", source: "第十六条（五）“等营业性娱乐场所” → 901 室内娱乐活动 / 9019 其他室内娱乐活动" },
  { code: "8051", nameZh: "洗浴服务", kind: "venue", placeZh: "洗浴中心", placeEn: "bath houses", source: "第十六条（五）洗浴中心 → 80 居民服务业 / 805 洗浴和保健养生服务 / 8051 洗浴服务" },
  { code: "8052", nameZh: "足浴服务", kind: "venue", placeZh: "足浴店", placeEn: "foot-bath parlours", source: "第十六条（五）洗浴中心（足浴与洗浴同属 805 洗浴和保健养生服务）→ 8052 足浴服务" },
  { code: "7262", nameZh: "职业中介服务", kind: "intermediary", placeZh: "中介机构", placeEn: "employment agencies", source: "第十六条（六）中介机构 → 72 商务服务业 / 726 人力资源服务 / 7262 职业中介服务" },
  { code: "7263", nameZh: "劳务派遣服务", kind: "intermediary", placeZh: "有偿代理（劳务派遣）", placeEn: "labour dispatch agencies", source: "第十六条（六）有偿代理 → 726 人力资源服务 / 7263 劳务派遣服务" },
];
