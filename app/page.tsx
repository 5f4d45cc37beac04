import Link from "next/link";
import { getLocale, getTranslator, serverCaller } from "@/server/request";
import { formatters } from "@/server/i18n/messages";

export default async function LandingPage() {
  const t = await getTranslator();
  const f = formatters(await getLocale());
  const stats = await (await serverCaller()).organisations.stats();
  const audiences = [
    ["landing.forSchools", "landing.forSchoolsText"],
    ["landing.forEnterprises", "landing.forEnterprisesText"],
    ["landing.forStudents", "landing.forStudentsText"],
    ["landing.rules", "landing.rulesText"],
  ] as const;
  return (
    <div className="space-y-10">
      <section className="rounded-xl bg-brand-800 px-6 py-10 text-white sm:px-10 sm:py-14">
        <h1 className="text-2xl font-bold sm:text-4xl">{t("landing.title")}</h1>
        <p className="mt-4 max-w-3xl text-base leading-relaxed text-brand-50 sm:text-lg">{t("landing.lead")}</p>
        <div className="mt-6 flex flex-wrap gap-3">
          <Link href="/sign-up" className="btn bg-white text-brand-800 hover:bg-brand-50">
            {t("landing.getStarted")}
          </Link>
          <Link href="/sign-in" className="btn border border-white text-white hover:bg-brand-700">
            {t("nav.signIn")}
          </Link>
        </div>
      </section>
      <section aria-labelledby="stats-heading">
        <h2 id="stats-heading" className="sr-only">
          {t("landing.stats")}
        </h2>
        <dl className="grid grid-cols-3 gap-3 text-center">
          {(
            [
              [stats.schools, "landing.statSchools"],
              [stats.enterprises, "landing.statEnterprises"],
              [stats.students, "landing.statStudents"],
            ] as const
          ).map(([n, label]) => (
            <div key={label} className="card">
              <dt className="text-sm text-slate-600">{t(label)}</dt>
              <dd className="text-2xl font-bold text-brand-800 sm:text-3xl">{f.number(n)}</dd>
            </div>
          ))}
        </dl>
      </section>
      <section className="grid gap-4 sm:grid-cols-2">
        {audiences.map(([title, text]) => (
          <div key={title} className="card">
            <h2 className="text-lg font-semibold text-brand-800">{t(title)}</h2>
            <p className="mt-2 text-sm leading-relaxed text-slate-700">{t(text)}</p>
          </div>
        ))}
      </section>
    </div>
  );
}
