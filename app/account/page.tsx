import type { Metadata } from "next";
import Link from "next/link";
import { env } from "@/server/env";
import { getTranslator, requireUser, serverCaller } from "@/server/request";
import { PasswordForm } from "./password-form";

export const metadata: Metadata = { title: "账号安全", robots: { index: false } };

/** The signed-in user's account security: change password; staff and administrators issue reset codes. */
export default async function AccountPage() {
  const user = await requireUser("/account");
  const t = await getTranslator();
  const me = await (await serverCaller()).accounts.me();
  return (
    <div className="mx-auto max-w-md space-y-4">
      <h1 className="text-xl font-bold">{t("account.title")}</h1>
      <section className="card space-y-3" aria-labelledby="password-heading">
        <h2 id="password-heading" className="text-lg font-semibold">
          {t("account.changePassword")}
        </h2>
        <p className="text-sm text-slate-700">{t("account.changePasswordText")}</p>
        <PasswordForm identifier={me.email ?? me.mobile ?? ""} />
      </section>
      <p className="text-sm text-slate-600">{t("account.sessionsText", { days: env().SESSION_IDLE_DAYS })}</p>
      {(user.role === "school" || user.role === "admin") && (
        <p className="text-sm">
          <Link href="/account/reset-code">{t("account.issueTitle")}</Link>
        </p>
      )}
    </div>
  );
}
