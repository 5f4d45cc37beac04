import type { PostingKind } from "@/db/schema-enums";
import type { Translate } from "@/server/i18n/messages";
import type { Explanation } from "@/server/search/search-postings";

/**
 * A result's explanation as chips, one per part of the score with its points ("专业对口 · 计算机类 +30",
 * "意向地区 · 宁波市 +25", "毕业年级宜 · 岗位实习 +10"), and the total they add up to. The tie-break among
 * equal scores is named in the list's title.
 */
export function MatchChips({ explanation, t }: { explanation: Explanation[]; t: Translate }) {
  const label = (e: Explanation): string => {
    if (e.criterion === "specialty") return `${t(`match.specialty.${e.tier}`)} · ${e.name}`;
    if (e.criterion === "region") return `${t(`match.region.${e.tier}`)} · ${e.name}`;
    if (e.criterion === "industry") return `${t("match.industry")} · ${e.name}`;
    if (e.criterion === "kind") return `${t(`match.kind.${e.stage}`)} · ${t(`kind.${e.kind as PostingKind}`)}`;
    if (e.criterion === "freshness") return e.days === 0 ? t("match.freshnessToday") : t("match.freshnessDays", { n: e.days });
    return t("match.seats", { n: e.seats });
  };
  if (explanation.length === 0) return null;
  const total = Math.round(explanation.reduce((sum, e) => sum + e.points, 0) * 10) / 10;
  return (
    <ul className="flex flex-wrap gap-1" aria-label="match" title={t("match.tieBreak")}>
      {explanation.map((e, i) => (
        <li key={i} className="badge bg-brand-50 text-brand-800" data-testid="match-chip" data-criterion={e.criterion}>
          {label(e)} {t("match.points", { n: e.points })}
        </li>
      ))}
      <li className="badge bg-slate-100 text-slate-800" data-testid="match-total">
        {t("match.total", { n: total })}
      </li>
    </ul>
  );
}
