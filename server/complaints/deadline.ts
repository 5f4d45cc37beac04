/**
 * The reply deadline of a complaint: 5 working days (Monday to Friday) after the day it was filed, by the
 * calendar in China. Statutory holidays and their swapped working weekends are not in the data yet, so a
 * deadline over a holiday is earlier than the law's count, never later. Pure and client-safe.
 */
export const complaintReplyWorkingDays = 5;

function shift(isoDate: string, days: number) {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The date `n` working days after `isoDate` (a Friday plus 1 is the next Monday). */
export function addWorkingDays(isoDate: string, n: number): string {
  let date = isoDate;
  for (let left = n; left > 0; ) {
    date = shift(date, 1);
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    if (weekday !== 0 && weekday !== 6) left--;
  }
  return date;
}

export function replyDueOn(filedOn: string): string {
  return addWorkingDays(filedOn, complaintReplyWorkingDays);
}

/** Overdue: nobody from the school or the administrators has replied and the due day has passed. */
export function isComplaintOverdue(c: { replyDueOn: string; firstRepliedAt: Date | null; status: string }, today: string): boolean {
  return c.firstRepliedAt === null && c.status === "submitted" && today > c.replyDueOn;
}
