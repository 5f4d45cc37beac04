import type { Metadata } from "next";
import { getTranslator, requireUser, serverCaller } from "@/server/request";
import { NotAllowed } from "../../_components/not-allowed";
import { CvUpload } from "./cv-upload";
import { StudentProfileForm } from "./student-profile-form";

export const metadata: Metadata = { title: "编辑档案" };

export default async function EditProfilePage() {
  const user = await requireUser("/profile/edit");
  const t = await getTranslator();
  if (user.role !== "student") return <NotAllowed t={t} />;
  const p = await (await serverCaller()).students.me();
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <h1 className="text-xl font-bold">{t("student.editProfile")}</h1>
      <StudentProfileForm
        initial={{
          name: p.name,
          specialtyCode: p.specialtyCode,
          enrolmentYear: p.enrolmentYear,
          birthDate: p.birthDate,
          preferredRegions: p.preferredRegions,
          bio: p.bio,
          visibleToEnterprises: p.visibleToEnterprises,
          skills: p.skills,
          certificates: p.certificates.join("\n"),
        }}
      />
      <CvUpload fileName={p.cvFileName} fileSize={p.cvFileSize} userId={p.userId} />
    </div>
  );
}
