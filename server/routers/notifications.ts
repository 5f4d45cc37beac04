import { and, count, desc, eq, inArray, isNull } from "drizzle-orm";
import { z } from "zod";
import { notifications } from "../../db/schema";
import { translate } from "../i18n/messages";
import { router, signedInProcedure } from "../trpc";

/** The signed-in user's notification centre: only ever their own rows. */
export const notificationsRouter = router({
  list: signedInProcedure.input(z.object({ limit: z.number().int().min(1).max(100).default(50) })).query(async ({ ctx, input }) => {
    const rows = await ctx.db.select().from(notifications).where(eq(notifications.userId, ctx.user.id)).orderBy(desc(notifications.createdAt)).limit(input.limit);
    return rows.map((n) => ({ id: n.id, text: translate(ctx.locale, n.type, n.params), link: n.link, read: !!n.readAt, createdAt: n.createdAt }));
  }),
  unreadCount: signedInProcedure.query(async ({ ctx }) => {
    const [row] = await ctx.db.select({ n: count() }).from(notifications).where(and(eq(notifications.userId, ctx.user.id), isNull(notifications.readAt)));
    return row?.n ?? 0;
  }),
  /** Marks the given notifications (or all) as read. */
  markRead: signedInProcedure.input(z.object({ ids: z.array(z.string().uuid()).max(100).optional() })).mutation(async ({ ctx, input }) => {
    await ctx.db
      .update(notifications)
      .set({ readAt: new Date() })
      .where(and(eq(notifications.userId, ctx.user.id), isNull(notifications.readAt), input.ids ? inArray(notifications.id, input.ids) : undefined));
  }),
});
