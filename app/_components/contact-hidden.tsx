import Link from "next/link";
import { getRequestContext, getTranslator } from "@/server/request";

/**
 * Stands in for an organisation's contact person and phone when the answer left them out
 * (server/security/redaction.ts): visitors are asked to sign in, members of unverified organisations told why.
 */
export async function ContactHidden({ returnTo }: { returnTo: string }) {
  const [{ user }, t] = await Promise.all([getRequestContext(), getTranslator()]);
  if (user) return <span className="text-slate-600">{t("contact.verifiedOnly")}</span>;
  return <Link href={`/sign-in?callbackUrl=${encodeURIComponent(returnTo)}`}>{t("contact.signInToSee")}</Link>;
}
