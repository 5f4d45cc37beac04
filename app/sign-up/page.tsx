import type { Metadata } from "next";
import Link from "next/link";
import { getTranslator } from "@/server/request";

export const metadata: Metadata = { title: "注册" };

export default async function SignUpChooser() {
  const t = await getTranslator();
  const options = [
    ["/sign-up/enterprise", "auth.signUpEnterprise", "auth.signUpEnterpriseText"],
    ["/sign-up/school", "auth.signUpSchool", "auth.signUpSchoolText"],
    ["/sign-up/student", "auth.signUpStudent", "auth.signUpStudentText"],
  ] as const;
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <h1 className="text-xl font-bold">{t("auth.signUpTitle")}</h1>
      <p className="text-slate-700">{t("auth.signUpAs")}</p>
      <ul className="grid gap-4 sm:grid-cols-3">
        {options.map(([href, title, text]) => (
          <li key={href}>
            <Link href={href} className="card block h-full text-slate-900 no-underline hover:border-brand-600 hover:no-underline">
              <span className="block text-lg font-semibold text-brand-800">{t(title)}</span>
              <span className="mt-2 block text-sm text-slate-700">{t(text)}</span>
            </Link>
          </li>
        ))}
      </ul>
      <p className="text-sm text-slate-700">
        {t("auth.haveAccount")} <Link href="/sign-in">{t("nav.signIn")}</Link>
      </p>
    </div>
  );
}
