import type { PostingDisplayStatus } from "@/db/schema-enums";
import type { Translate } from "@/server/i18n/messages";

const styles: Record<PostingDisplayStatus, string> = {
  draft: "bg-slate-100 text-slate-800",
  submitted: "bg-amber-100 text-amber-900",
  published: "bg-emerald-100 text-emerald-900",
  rejected: "bg-red-100 text-red-900",
  closed: "bg-slate-200 text-slate-800",
  withdrawn: "bg-slate-200 text-slate-800",
  expired: "bg-slate-200 text-slate-800",
};

export function PostingStatusBadge({ status, t }: { status: PostingDisplayStatus; t: Translate }) {
  return <span className={`badge ${styles[status]}`}>{t(`postingStatus.${status}`)}</span>;
}
