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

const tones = {
  info: "bg-sky-100 text-sky-900",
  warning: "bg-amber-100 text-amber-900",
  success: "bg-emerald-100 text-emerald-900",
  danger: "bg-red-100 text-red-900",
  muted: "bg-slate-200 text-slate-800",
} as const;
export type Tone = keyof typeof tones;

/** A state shown as a coloured badge (text colours meet WCAG AA on their backgrounds). */
export function ToneBadge({ tone, label }: { tone: Tone; label: string }) {
  return <span className={`badge ${tones[tone]}`}>{label}</span>;
}
