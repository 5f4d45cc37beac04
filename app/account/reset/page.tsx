import type { Metadata } from "next";
import { getTranslator } from "@/server/request";
import { ResetForm } from "./reset-form";

export const metadata: Metadata = { title: "重置密码", robots: { index: false } };

/** Anyone with a reset code from their school (or an administrator) sets a new password here. */
export default async function ResetPasswordPage() {
  const t = await getTranslator();
  return (
    <div className="mx-auto max-w-md">
      <div className="card space-y-4">
        <h1 className="text-xl font-bold">{t("account.resetTitle")}</h1>
        <p className="text-sm text-slate-700">{t("account.resetText")}</p>
        <ResetForm />
      </div>
    </div>
  );
}
