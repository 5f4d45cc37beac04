import { and, desc, eq, lt, sql } from "drizzle-orm";
import nodemailer from "nodemailer";
import type { Db, Runner } from "../../db/create";
import { mailOutbox } from "../../db/schema";
import { env } from "../env";

export interface Mail {
  to: string;
  subject: string;
  body: string;
  headers: Record<string, string>;
  savedSearchId?: string | null;
}

/** Attempts before a mail is given up as "failed" (the administrator sees it and its last error). */
const maxAttempts = 5;
/** A mail still "sending" after this long was claimed by a process that stopped before recording the send. */
const stuckAfterMs = 10 * 60_000;

/**
 * Writes a mail inside the caller's transaction, so it exists exactly when the change that causes it does.
 * With an SMTP server it waits to be sent ("pending"); without one it is "held" for the administrator to read.
 */
export async function enqueueMail(tx: Runner, mail: Mail, { smtp }: { smtp: boolean }) {
  await tx.insert(mailOutbox).values({ toAddress: mail.to, subject: mail.subject, body: mail.body, headers: mail.headers, savedSearchId: mail.savedSearchId ?? null, status: smtp ? "pending" : "held" });
}

/**
 * Sends the pending mails through `smtpUrl`, oldest first. Each mail is claimed by a conditional update
 * (pending → sending) before it is sent, so two instances never send the same one; a failure puts it back
 * (or marks it failed after five attempts) with the error. Returns how many were sent.
 */
export async function deliverPendingMail(db: Db, { smtpUrl = env().SMTP_URL, from = env().MAIL_FROM, limit = 100 }: { smtpUrl?: string; from?: string; limit?: number } = {}): Promise<number> {
  if (!smtpUrl) return 0;
  // A process that stopped between claiming a mail and recording the send left it "sending": try it again later.
  await db.update(mailOutbox).set({ status: "pending" }).where(and(eq(mailOutbox.status, "sending"), lt(mailOutbox.updatedAt, new Date(Date.now() - stuckAfterMs))));
  const due = await db.select({ id: mailOutbox.id }).from(mailOutbox).where(eq(mailOutbox.status, "pending")).orderBy(mailOutbox.createdAt).limit(limit);
  if (due.length === 0) return 0;
  const transport = nodemailer.createTransport(smtpUrl);
  let sent = 0;
  try {
    for (const { id } of due) {
      const [mail] = await db
        .update(mailOutbox)
        .set({ status: "sending", attempts: sql`${mailOutbox.attempts} + 1` })
        .where(and(eq(mailOutbox.id, id), eq(mailOutbox.status, "pending")))
        .returning();
      if (!mail) continue;
      try {
        await transport.sendMail({ from, to: mail.toAddress, subject: mail.subject, text: mail.body, headers: mail.headers });
        await db.update(mailOutbox).set({ status: "sent", sentAt: new Date(), error: null }).where(eq(mailOutbox.id, id));
        sent++;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        await db
          .update(mailOutbox)
          .set({ status: mail.attempts >= maxAttempts ? "failed" : "pending", error: message.slice(0, 500) })
          .where(eq(mailOutbox.id, id));
      }
    }
  } finally {
    transport.close();
  }
  return sent;
}

/** The outbox for administrators, newest first: every mail written, with its status (held, pending, sent, failed). */
export async function outboxPage(db: Db, { offset = 0, limit = 50 }: { offset?: number; limit?: number } = {}) {
  return db
    .select({ id: mailOutbox.id, toAddress: mailOutbox.toAddress, subject: mailOutbox.subject, body: mailOutbox.body, headers: mailOutbox.headers, status: mailOutbox.status, attempts: mailOutbox.attempts, error: mailOutbox.error, createdAt: mailOutbox.createdAt, sentAt: mailOutbox.sentAt })
    .from(mailOutbox)
    .orderBy(desc(mailOutbox.createdAt), desc(mailOutbox.id))
    .limit(limit)
    .offset(offset);
}
