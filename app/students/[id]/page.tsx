import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getLocale, getTranslator, requireUser, serverCaller } from "@/server/request";
import { StudentCard } from "../../_components/student-card";
import { orNull } from "../../_trpc/errors";

export const metadata: Metadata = { title: "学生档案", robots: { index: false } };

/**
 * A student's profile in the reader's view (server/students/visibility.ts decides): in full for their
 * school's staff and administrators, the applicant view for a host they applied to, the visible profile
 * (display name, no contact) for other verified enterprises; NOT_FOUND for everyone else.
 */
export default async function StudentPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requireUser(`/students/${id}`);
  const caller = await serverCaller();
  const t = await getTranslator();
  const student = (await orNull(caller.students.get({ userId: id }))) ?? notFound();
  const paths = await caller.reference.paths({ taxonomy: "region", codes: student.preferredRegions });
  const regionNames = Object.fromEntries(Object.entries(paths).map(([code, p]) => [code, p.map((x) => x.name).join("")]));
  const note = student.view === "visibleProfile" ? t("student.visibleProfileOnly") : student.view === "applicant" ? t("student.applicantView") : null;
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <h1 className="text-2xl font-bold">{student.name ?? student.displayName}</h1>
      {note && (
        <p className="text-sm text-slate-600" data-testid="student-view-note">
          {note}
        </p>
      )}
      <StudentCard student={student} regionNames={regionNames} t={t} locale={await getLocale()} />
    </div>
  );
}
