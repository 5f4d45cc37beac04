import { z } from "zod";
import { postingKinds } from "../../db/schema-enums";

/** How many days back a funnel covers, today (China time) included. */
const days = z.number({ message: "errors.funnelDays" }).int("errors.funnelDays").min(1, "errors.funnelDays").max(366, "errors.funnelDays").default(30);

export const postingFunnelInput = z.object({ postingId: z.string().uuid(), days });
export type PostingFunnelInput = z.infer<typeof postingFunnelInput>;

export const funnelsByRegionInput = z.object({ days, kind: z.enum(postingKinds, { message: "errors.funnelKind" }).optional() }).default({ days: 30 });
export type FunnelsByRegionInput = z.infer<typeof funnelsByRegionInput>;
