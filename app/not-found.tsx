import Link from "next/link";
import { getTranslator } from "@/server/request";

export default async function NotFound() {
  const t = await getTranslator();
  return (
    <div className="card mx-auto max-w-lg text-center">
      <h1 className="text-lg font-semibold">{t("errors.NOT_FOUND")}</h1>
      <Link href="/" className="mt-4 inline-block">
        {t("app.fullName")}
      </Link>
    </div>
  );
}
