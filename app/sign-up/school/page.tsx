import type { Metadata } from "next";
import { getTranslator } from "@/server/request";
import { SchoolSignUpForm } from "./form";

export const metadata: Metadata = { title: "学校注册" };

export default async function SchoolSignUpPage() {
  const t = await getTranslator();
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <h1 className="text-xl font-bold">{t("auth.signUpSchool")}</h1>
      <p className="text-sm text-slate-700">{t("auth.signUpSchoolText")}</p>
      <SchoolSignUpForm />
    </div>
  );
}
