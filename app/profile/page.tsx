import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslator, requireUser, serverCaller } from "@/server/request";
import { NotAllowed } from "../_components/not-allowed";
import { StudentCard } from "../_components/student-card";

export const metadata: Metadata = { title: "我的档案" };

export default async function ProfilePage() {
  const user = await requireUser("/profile");
  const t = await getTranslator();
  if (user.role !== "student") return <NotAllowed t={t} />;
  const caller = await serverCaller();
  const profile = await caller.students.me();
  const paths = await caller.reference.paths({ taxonomy: "region", codes: profile.preferredRegions });
  const regionNames = Object.fromEntries(Object.entries(paths).map(([code, p]) => [code, p.map((x) => x.name).join("")]));
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-bold">{profile.name}</h1>
        <div className="flex flex-wrap gap-2">
          <Link href="/profile/access-log" className="btn-secondary">
            {t("accessLog.link")}
          </Link>
          <Link href="/profile/edit" className="btn-primary">
            {t("student.editProfile")}
          </Link>
        </div>
      </div>
      <StudentCard student={profile} regionNames={regionNames} t={t} locale={await getLocale()} />
    </div>
  );
}
