import type { Metadata } from "next";
import Link from "next/link";
import { getTranslator } from "@/server/request";
import { safeRedirectPath } from "@/server/security/redirect";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "登录" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const t = await getTranslator();
  const { callbackUrl } = await searchParams;
  // Only same-site paths: never send a signed-in user to another site (`/\evil`, `/%09/evil`, `//evil`…).
  const next = safeRedirectPath(callbackUrl, "/home");
  return (
    <div className="mx-auto max-w-md">
      <div className="card space-y-4">
        <h1 className="text-xl font-bold">{t("auth.signInTitle")}</h1>
        <SignInForm next={next} />
        <p className="text-sm text-slate-700">
          {t("auth.noAccount")} <Link href="/sign-up">{t("nav.signUp")}</Link>
        </p>
        <p className="text-sm text-slate-700">
          <Link href="/account/reset">{t("auth.forgotPassword")}</Link> <span className="text-slate-600">{t("auth.forgotPasswordHint")}</span>
        </p>
      </div>
    </div>
  );
}
