import type { Metadata } from "next";
import { getTranslator, requireUser } from "@/server/request";
import { NotAllowed } from "../../_components/not-allowed";
import { IssueCodeForm } from "./issue-code-form";

export const metadata: Metadata = { title: "生成密码重置码", robots: { index: false } };

/**
 * School staff issue a one-time reset code for one of their students, administrators for a school's or an
 * enterprise's staff member (the server decides per account: accounts.issueResetCode). `?user=<id>` comes
 * from a student's page; otherwise the account is named by email or mobile number.
 */
export default async function ResetCodePage({ searchParams }: { searchParams: Promise<{ user?: string }> }) {
  const user = await requireUser("/account/reset-code");
  const t = await getTranslator();
  if (user.role !== "school" && user.role !== "admin") return <NotAllowed t={t} />;
  const { user: userId } = await searchParams;
  return (
    <div className="mx-auto max-w-md space-y-4">
      <h1 className="text-xl font-bold">{t("account.issueTitle")}</h1>
      <p className="text-sm text-slate-700">{t("account.issueText")}</p>
      <IssueCodeForm userId={typeof userId === "string" && /^[0-9a-f-]{36}$/i.test(userId) ? userId : undefined} />
    </div>
  );
}
