import type { Metadata } from "next";
import { getTranslator } from "@/server/request";
import { StudentSignUpForm } from "./form";

export const metadata: Metadata = { title: "学生注册" };

export default async function StudentSignUpPage() {
  const t = await getTranslator();
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <h1 className="text-xl font-bold">{t("auth.signUpStudent")}</h1>
      <p className="text-sm text-slate-700">{t("auth.signUpStudentText")}</p>
      <StudentSignUpForm />
    </div>
  );
}
