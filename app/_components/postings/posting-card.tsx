import Link from "next/link";
import type { ReactNode } from "react";
import type { formatters, Translate } from "@/server/i18n/messages";
import type { Explanation } from "@/server/search/search-postings";
import type { PostingKind } from "@/db/schema-enums";
import { MatchChips } from "./match-chips";

export interface PostingCardData {
  id: string;
  kind: string;
  title: string;
  organisationName: string;
  industryName: string;
  monthlyPay: number | null;
  quantity: number;
  applyBy: string;
  specialties: { code: string; name: string }[];
  explanation: Explanation[];
}

/** One search or recommendation result: what, who, pay, seats and why it matches; `children` adds notes (the search page's badges). */
export function PostingCard({ p, t, f, children }: { p: PostingCardData; t: Translate; f: ReturnType<typeof formatters>; children?: ReactNode }) {
  return (
    <li className="card space-y-2" data-testid="posting-card">
      <div className="flex flex-wrap items-center gap-2">
        <span className="badge bg-slate-100 text-slate-800">{t(`kind.${p.kind as PostingKind}`)}</span>
        <Link href={`/postings/${p.id}`} className="font-semibold">
          {p.title}
        </Link>
        {p.monthlyPay !== null && <span className="ml-auto font-semibold text-brand-800">{t("common.perMonth", { amount: f.money(p.monthlyPay) })}</span>}
      </div>
      <p className="text-sm text-slate-700">
        {p.organisationName} · {p.industryName} · {t("posting.seats")} {f.number(p.quantity)} · {t("posting.applyByDate")} {f.date(`${p.applyBy}T12:00:00+08:00`)}
      </p>
      <p className="text-xs text-slate-600">{p.specialties.map((s) => s.name).join("、")}</p>
      <MatchChips explanation={p.explanation} t={t} />
      {children}
    </li>
  );
}
