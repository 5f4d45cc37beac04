import type { formatters, Translate } from "@/server/i18n/messages";

/** A posting's applications in its organisation's postings list: all made (withdrawn left out) and those in progress. */
export function ApplicantCount({ counts, t, f }: { counts: { total: number; open: number } | undefined; t: Translate; f: ReturnType<typeof formatters> }) {
  if (!counts) return null;
  return (
    <p className="text-sm text-slate-700" data-testid="applicant-count">
      {t("funnel.applicants", { total: f.number(counts.total), open: f.number(counts.open) })}
    </p>
  );
}
