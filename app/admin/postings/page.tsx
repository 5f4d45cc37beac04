import type { Metadata } from "next";
import { getTranslator, requireUser } from "@/server/request";
import { NotAllowed } from "../../_components/not-allowed";
import { PostingReviewQueue } from "./review-queue";
import { PostingRevisionQueue } from "./revision-queue";

export const metadata: Metadata = { title: "信息审核" };

export default async function AdminPostingsPage() {
  const user = await requireUser("/admin/postings");
  const t = await getTranslator();
  if (user.role !== "admin") return <NotAllowed t={t} />;
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t("posting.reviewQueue")}</h1>
      <PostingReviewQueue />
      <PostingRevisionQueue />
    </div>
  );
}
