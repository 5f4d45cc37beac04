import type { ApplicationStatus, PlacementStatus } from "@/db/schema-enums";
import type { Translate } from "@/server/i18n/messages";
import { ToneBadge, type Tone } from "../status-badge";

const applicationTones: Record<ApplicationStatus, Tone> = {
  submitted: "info",
  screening: "info",
  interview: "warning",
  offered: "success",
  accepted: "success",
  declined: "muted",
  rejected: "danger",
  withdrawn: "muted",
};
const placementTones: Record<PlacementStatus, Tone> = { pending_approval: "warning", approved: "info", active: "success", completed: "muted", terminated: "danger" };

export function ApplicationStatusBadge({ status, t }: { status: ApplicationStatus; t: Translate }) {
  return <ToneBadge tone={applicationTones[status]} label={t(`application.status.${status}`)} />;
}

export function PlacementStatusBadge({ status, t }: { status: PlacementStatus; t: Translate }) {
  return <ToneBadge tone={placementTones[status]} label={t(`placement.status.${status}`)} />;
}
