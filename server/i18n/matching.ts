/** Copy for the matching chips (issue 18): every part of a score, with its points, and the tie-break. */
export const matchingZh = {
  "match.region.neighbourProvince": "邻省",
  "match.kind.first": "一年级宜",
  "match.kind.middle": "在读年级",
  "match.kind.final": "毕业年级宜",
  "match.freshnessDays": "{n} 天前发布",
  "match.freshnessToday": "今日发布",
  "match.points": "+{n}",
  "match.total": "匹配分 {n}（各项之和）",
  "match.tieBreak": "同分时依次按距离、报酬、名额、发布日期排序",
} as const;

export const matchingEn: Record<keyof typeof matchingZh, string> = {
  "match.region.neighbourProvince": "Neighbouring province",
  "match.kind.first": "Suits year one",
  "match.kind.middle": "Suits your year",
  "match.kind.final": "Suits the final year",
  "match.freshnessDays": "Published {n} days ago",
  "match.freshnessToday": "Published today",
  "match.points": "+{n}",
  "match.total": "Match score {n} (sum of the parts)",
  "match.tieBreak": "Equal scores are ordered by distance, then pay, seats and publication date",
};
