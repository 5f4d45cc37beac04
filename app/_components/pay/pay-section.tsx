import type { formatters, Locale, Translate } from "@/server/i18n/messages";
import type { serverCaller } from "@/server/request";
import { todayInChina } from "@/server/schemas/accounts";
import { RecordPayForm, RespondPayForm } from "./pay-forms";

type PayView = Awaited<ReturnType<Awaited<ReturnType<typeof serverCaller>>["pay"]["overview"]>>;

/**
 * Pay actually paid on a running placement, for its three parties and administrators: the months recorded,
 * the student's answers and every flag (below the agreement, below 80%, late, unrecorded, disputed).
 */
export function PaySection({ placementId, v, t, f, locale }: { placementId: string; v: PayView; t: Translate; f: ReturnType<typeof formatters>; locale: Locale }) {
  if (!v.terms) return null;
  const text = (x: { zh: string; en: string }) => (locale === "zh-CN" ? x.zh : x.en);
  return (
    <section id="pay" className="card space-y-3" aria-labelledby="pay-heading" data-testid="pay">
      <h2 id="pay-heading" className="text-lg font-semibold">
        {t("pay.title")}
      </h2>
      <p className="text-sm text-slate-700">{t("pay.lead")}</p>
      <p>{t("pay.agreed", { amount: f.money(v.terms.monthlyPay) })}</p>
      <div role={v.flags.length ? "alert" : undefined} className={v.flags.length ? "rounded-md border border-red-200 bg-red-50 p-3 text-red-900" : "text-emerald-800"}>
        <h3 className="font-semibold">{v.flags.length ? t("pay.flags") : t("pay.noFlags")}</h3>
        {v.flags.length > 0 && (
          <ul className="list-disc space-y-1 pl-5" data-testid="pay-flags">
            {v.flags.map((flag) => (
              <li key={`${flag.kind}-${flag.month}`}>{text(flag)}</li>
            ))}
          </ul>
        )}
      </div>
      {v.records.length === 0 ? (
        <p className="text-slate-700">{t("pay.none")}</p>
      ) : (
        <ul className="divide-y divide-slate-200">
          {v.records.map((r) => (
            <li key={r.id} className="space-y-1 py-2" data-testid="pay-record">
              <p>
                <span className="font-semibold">{r.month}</span> · {f.money(r.amount)} · {t("pay.paidOn")} {f.date(`${r.paidOn}T12:00:00+08:00`)}
              </p>
              <p className="text-sm text-slate-700">
                {r.studentResponse === "confirmed" ? t("pay.confirmed") : r.studentResponse === "disputed" ? t("pay.disputed", { note: r.studentNote ?? "" }) : t("pay.awaiting")}
              </p>
              {v.party === "student" && !r.studentResponse && <RespondPayForm payRecordId={r.id} />}
            </li>
          ))}
        </ul>
      )}
      {v.party === "host" && v.months.length > 0 && <RecordPayForm placementId={placementId} months={v.months} today={todayInChina()} />}
    </section>
  );
}
