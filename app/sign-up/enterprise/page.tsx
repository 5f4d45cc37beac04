import type { Metadata } from "next";
import { getTranslator } from "@/server/request";
import { EnterpriseSignUpForm } from "./form";

export const metadata: Metadata = { title: "企业注册" };

export default async function EnterpriseSignUpPage() {
  const t = await getTranslator();
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <h1 className="text-xl font-bold">{t("auth.signUpEnterprise")}</h1>
      <p className="text-sm text-slate-700">{t("auth.signUpEnterpriseText")}</p>
      <EnterpriseSignUpForm />
    </div>
  );
}
