import Link from "next/link";
import type { Locale, Translate } from "@/server/i18n/messages";
import { formatters } from "@/server/i18n/messages";
import { ageOn } from "@/server/compliance/rules";
import { todayInChina } from "@/server/schemas/accounts";

/**
 * A student as the reader's view shows them (server/students/visibility.ts): the visible profile always;
 * birth date, contact, CV and the visibility setting only when the view includes them (absent otherwise).
 */
export interface StudentView {
  email?: string | null;
  mobile?: string | null;
  schoolId: string;
  schoolName: string;
  specialtyCode: string;
  specialtyName: string;
  enrolmentYear: number;
  birthDate?: string;
  preferredRegions: string[];
  bio: string;
  visibleToEnterprises?: boolean;
  userId: string;
  skills: string;
  certificates: string[];
  cvFileName?: string | null;
}

/** A student's profile as read by those allowed to see it; rows the reader's view leaves out are not shown. */
export function StudentCard({ student, regionNames, t, locale }: { student: StudentView; regionNames: Record<string, string>; t: Translate; locale: Locale }) {
  const f = formatters(locale);
  const birthDate = student.birthDate;
  const rows: ([string, React.ReactNode] | null)[] = [
    [t("student.school"), <Link key="s" href={`/organisations/${student.schoolId}`}>{student.schoolName}</Link>],
    [t("student.specialty"), t("common.withCode", { name: student.specialtyName, code: student.specialtyCode })],
    [t("student.enrolmentYear"), t("student.year", { year: student.enrolmentYear })],
    birthDate !== undefined ? [t("student.birthDate"), `${f.date(`${birthDate}T12:00:00+08:00`)} · ${t("student.age", { age: ageOn(birthDate, todayInChina()) })}`] : null,
    student.email !== undefined ? [t("auth.email"), student.email ?? "—"] : null,
    student.mobile !== undefined ? [t("auth.mobile"), student.mobile ?? "—"] : null,
    [t("student.preferredRegions"), student.preferredRegions.map((c) => regionNames[c] ?? c).join("、") || "—"],
    [t("profile.skills"), student.skills || "—"],
    [t("profile.certificates"), student.certificates.join("、") || "—"],
    student.cvFileName !== undefined
      ? [
          t("profile.cv"),
          student.cvFileName ? (
            // A plain link: the route handler checks who may read it.
            <a key="cv" href={`/api/students/${student.userId}/cv`} target="_blank" rel="noopener">
              {t("profile.openCv")}（{student.cvFileName}）
            </a>
          ) : (
            "—"
          ),
        ]
      : null,
    student.visibleToEnterprises !== undefined ? [t("student.visible"), student.visibleToEnterprises ? t("common.yes") : t("common.no")] : null,
  ];
  return (
    <div className="space-y-4">
      <dl className="card grid gap-x-6 gap-y-3 sm:grid-cols-[max-content_1fr]">
        {rows.filter((r) => r !== null).map(([label, value]) => (
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
