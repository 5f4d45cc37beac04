import type { VerificationStatus } from "@/db/schema-enums";
import type { Translate } from "@/server/i18n/messages";

const styles: Record<VerificationStatus, string> = {
  pending: "bg-amber-100 text-amber-900",
  verified: "bg-emerald-100 text-emerald-900",
  rejected: "bg-red-100 text-red-900",
};

export function StatusBadge({ status, t }: { status: VerificationStatus; t: Translate }) {
  return <span className={`badge ${styles[status]}`}>{t(`status.${status}`)}</span>;
}
