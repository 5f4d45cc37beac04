import type { Translate } from "@/server/i18n/messages";
import type { Explanation } from "@/server/search/search-postings";

/** A result's explanation as chips: "专业对口 · 计算机类", "同城 · 深圳市", "行业 · 软件和信息技术服务业". */
export function MatchChips({ explanation, t }: { explanation: Explanation[]; t: Translate }) {
  const chips = explanation.flatMap((e) => {
    if (e.criterion === "specialty") return [`${t(`match.specialty.${e.tier}`)} · ${e.name}`];
    if (e.criterion === "region") return [`${t(`match.region.${e.tier}`)} · ${e.name}`];
    if (e.criterion === "industry") return [`${t("match.industry")} · ${e.name}`];
    if (e.criterion === "freshness" && e.days <= 7) return [t("match.freshness")];
    return [];
  });
  if (chips.length === 0) return null;
  return (
    <ul className="flex flex-wrap gap-1" aria-label="match">
      {chips.map((c) => (
        <li key={c} className="badge bg-brand-50 text-brand-800" data-testid="match-chip">
          {c}
        </li>
      ))}
    </ul>
  );
}
