import Link from "next/link";
import type { Locale, Translate } from "@/server/i18n/messages";
import { formatters } from "@/server/i18n/messages";
import { ageOn } from "@/server/compliance/rules";
import { todayInChina } from "@/server/schemas/accounts";

export interface StudentView {
  name: string;
  email: string | null;
  mobile: string | null;
  schoolId: string;
  schoolName: string;
  specialtyCode: string;
  specialtyName: string;
  enrolmentYear: number;
  birthDate: string;
  preferredRegions: string[];
  bio: string;
  visibleToEnterprises: boolean;
  userId: string;
  skills: string;
  certificates: string[];
  cvFileName: string | null;
  cvFileSize: number | null;
}

/** A student's profile as read by those allowed to see it. */
export function StudentCard({ student, regionNames, t, locale }: { student: StudentView; regionNames: Record<string, string>; t: Translate; locale: Locale }) {
  const f = formatters(locale);
  const rows: [string, React.ReactNode][] = [
    [t("student.school"), <Link key="s" href={`/organisations/${student.schoolId}`}>{student.schoolName}</Link>],
    [t("student.specialty"), `${student.specialtyName}（${student.specialtyCode}）`],
    [t("student.enrolmentYear"), t("student.year", { year: student.enrolmentYear })],
    [t("student.birthDate"), `${f.date(`${student.birthDate}T12:00:00+08:00`)} · ${t("student.age", { age: ageOn(student.birthDate, todayInChina()) })}`],
    [t("auth.email"), student.email ?? "—"],
    [t("auth.mobile"), student.mobile ?? "—"],
    [t("student.preferredRegions"), student.preferredRegions.map((c) => regionNames[c] ?? c).join("、") || "—"],
    [t("profile.skills"), student.skills || "—"],
    [t("profile.certificates"), student.certificates.join("、") || "—"],
    [
      t("profile.cv"),
      student.cvFileName ? (
        // A plain link: the route handler checks who may read it.
        <a key="cv" href={`/api/students/${student.userId}/cv`} target="_blank" rel="noopener">
          {t("profile.openCv")}（{student.cvFileName}）
        </a>
      ) : (
        "—"
      ),
    ],
    [t("student.visible"), student.visibleToEnterprises ? t("common.yes") : t("common.no")],
  ];
  return (
    <div className="space-y-4">
      <dl className="card grid gap-x-6 gap-y-3 sm:grid-cols-[max-content_1fr]">
        {rows.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-sm text-slate-600">{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {student.bio && (
        <section className="card">
          <h2 className="mb-2 text-lg font-semibold">{t("student.bio")}</h2>
          <p className="whitespace-pre-line leading-relaxed">{student.bio}</p>
        </section>
      )}
    </div>
  );
}
