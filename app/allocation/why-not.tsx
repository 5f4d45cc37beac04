"use client";

import type { StoredWhyNot } from "@/server/allocation/rounds";
import type { Locale } from "@/server/i18n/messages";
import { useT } from "../_components/i18n";

/** For each choice above the one obtained, why not: outranked (host ranking or lottery), no seats, the rules, the host's refusal. */
export function WhyNotList({ whyNot, titleOf, locale }: { whyNot: StoredWhyNot[]; titleOf: (id: string) => string; locale: Locale }) {
  const t = useT();
  const text = (w: StoredWhyNot) => {
    switch (w.reason) {
      case "outranked":
        return t(w.byLottery ? "allocation.why.outrankedLottery" : "allocation.why.outranked", { seats: w.seats });
      case "noSeats":
        return t("allocation.why.noSeats");
      case "ineligible":
        return t("allocation.why.ineligible", { rules: (w.messages ?? []).map((m) => (locale === "en" ? m.en : m.zh)).join("；") || w.rules.join(", ") });
      case "unacceptable":
        return t("allocation.why.unacceptable");
      case "notInRound":
        return t("allocation.why.notInRound");
    }
  };
  return (
    <div>
      <h3 className="text-sm font-semibold">{t("allocation.whyNot")}</h3>
      <ul className="list-disc space-y-1 pl-5 text-sm" data-testid="why-not">
        {whyNot.map((w) => (
          <li key={w.postingId}>
            {t("allocation.choiceN", { n: w.choice })} {titleOf(w.postingId)}: {text(w)}
          </li>
        ))}
      </ul>
    </div>
  );
}
