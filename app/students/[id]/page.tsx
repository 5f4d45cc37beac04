import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getLocale, getTranslator, requireUser, serverCaller } from "@/server/request";
import { StudentCard } from "../../_components/student-card";
import { orNull } from "../../_trpc/errors";

export const metadata: Metadata = { title: "学生档案", robots: { index: false } };

/** A student's profile for their school's staff and administrators (the procedure decides who). */
export default async function StudentPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requireUser(`/students/${id}`);
  const caller = await serverCaller();
  const student = (await orNull(caller.students.get({ userId: id }))) ?? notFound();
  const paths = await caller.reference.paths({ taxonomy: "region", codes: student.preferredRegions });
  const regionNames = Object.fromEntries(Object.entries(paths).map(([code, p]) => [code, p.map((x) => x.name).join("")]));
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <h1 className="text-2xl font-bold">{student.name}</h1>
      <StudentCard student={student} regionNames={regionNames} t={await getTranslator()} locale={await getLocale()} />
    </div>
  );
}
