import { eq } from "drizzle-orm";
import type { Runner } from "../../db/create";
import { memberships, notifications } from "../../db/schema";
import type { MessageKey } from "../i18n/messages";

export type NotificationType = Extract<MessageKey, `notify.${string}`>;

/** User ids of an organisation's members: the people concerned on the organisation's side. */
export async function memberIdsOf(tx: Runner, organisationId: string): Promise<string[]> {
  const rows = await tx.select({ userId: memberships.userId }).from(memberships).where(eq(memberships.organisationId, organisationId));
  return rows.map((m) => m.userId);
}

/**
 * Tells each person concerned about a state change, inside the change's own transaction, so that a
 * notification exists exactly when the change does. The acting user is left out: they know already.
 */
export async function notify(tx: Runner, args: { to: (string | null | undefined)[]; except?: string; type: NotificationType; params: Record<string, string>; link: string }) {
  const recipients = [...new Set(args.to.filter((id): id is string => !!id && id !== args.except))];
  if (recipients.length === 0) return;
  await tx.insert(notifications).values(recipients.map((userId) => ({ userId, type: args.type, params: args.params, link: args.link })));
}
