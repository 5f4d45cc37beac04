import { z } from "zod";
import { storableText, unstorableText } from "../security/unstorable-text";
import { searchPostingsInput } from "./search";

/** Results per page of the search page, and the last page it numbers (1,000 results: narrow the search beyond). */
export const searchPageSize = 20;
export const searchMaxPage = 50;

/**
 * The search page's query: a search, the page number (positions (page - 1) × limit onwards in the search's order)
 * and, for a signed-in student, whether postings the rules bar them from are hidden or shown with their reasons.
 */
export const searchPageInput = searchPostingsInput.extend({
  page: z.number().int().min(1).max(searchMaxPage).default(1),
  hideBarred: z.boolean().default(false),
  limit: z.number().int().min(1).max(50).default(searchPageSize),
});
export type SearchPageInput = z.input<typeof searchPageInput>;

/** The URL parameters of the search page, as they appear in a shared link. */
export const searchParamNames = ["q", "region", "industry", "specialty", "kind", "payMin", "sort", "page", "hide"] as const;
export type SearchParamName = (typeof searchParamNames)[number];
export type IgnoredReason = "format" | "range" | "unknown" | "incomplete";

/** One parameter the page could not use: its name, what it held (shortened) and why it was dropped. */
export interface IgnoredParam {
  name: SearchParamName;
  value: string;
  reason: IgnoredReason;
}

type Raw = Record<string, string | string[] | undefined>;
const shape = searchPageInput.shape;

/** A whole number as typed in a URL ("12"), or NaN for anything else ("abc", "1e3", "", "1.5"). */
const integer = (text: string) => (/^-?\d{1,15}$/.test(text.trim()) ? Number(text.trim()) : Number.NaN);

function reasonOf(error: z.ZodError): IgnoredReason {
  const issue = error.issues[0];
  if (issue?.code === "too_small" || issue?.code === "too_big") return "range";
  if (issue?.code === "invalid_value") return "unknown";
  return "format";
}

/**
 * Reads the search page's URL parameters one by one: each valid one becomes a filter, each invalid one is
 * dropped alone and named in `ignored` (the page says so), so `payMin=-5` no longer throws away the region,
 * kind and keywords beside it. Repeated parameters use their first value.
 */
export function parseSearchParams(raw: Raw): { input: SearchPageInput; ignored: IgnoredParam[] } {
  const value = (name: string) => {
    const v = raw[name];
    return (Array.isArray(v) ? v[0] : v)?.trim() || undefined;
  };
  const input: Record<string, unknown> = {};
  const ignored: IgnoredParam[] = [];
  const take = <T>(name: SearchParamName, key: keyof typeof shape, schema: z.ZodType<T>, convert: (text: string) => unknown = (t) => t) => {
    const text = value(name);
    if (text === undefined) return;
    const shown = (reason: IgnoredReason) => ignored.push({ name, value: text.length > 40 ? `${storableText(text.slice(0, 40))}…` : storableText(text), reason });
    // The procedures refuse the whole call for such text (server/trpc.ts); a link holding it ("q=%00") loses just this parameter.
    if (unstorableText(text)) return void shown("format");
    const parsed = schema.safeParse(convert(text));
    if (parsed.success) input[key] = parsed.data;
    else shown(reasonOf(parsed.error));
  };
  take("q", "query", shape.query);
  take("region", "regionCode", shape.regionCode);
  take("industry", "industryCode", shape.industryCode);
  take("specialty", "specialtyCode", shape.specialtyCode);
  take("kind", "kinds", shape.kinds, (t) => [t]);
  take("payMin", "payMin", shape.payMin, integer);
  take("sort", "sort", shape.sort);
  take("page", "page", shape.page, integer);
  // The page's own toggle writes hide=1; anything else is named as ignored.
  take("hide", "hideBarred", shape.hideBarred, (t) => (t === "1" ? true : t === "0" ? false : t));

  // The page position is two numbers (ck, cr) written by the page's own "more" link: both or neither.
  const [ck, cr] = [value("ck"), value("cr")];
  if (ck !== undefined || cr !== undefined) {
    const cursor = { key: Number(ck), rowid: integer(cr ?? "") };
    const parsed = shape.cursor.safeParse(cursor);
    if (ck === undefined || cr === undefined) ignored.push({ name: "page", value: `ck=${ck ?? ""}&cr=${cr ?? ""}`, reason: "incomplete" });
    else if (!parsed.success || !Number.isFinite(cursor.key) || !Number.isFinite(cursor.rowid) || !/^-?[\d.]+$/.test(ck)) ignored.push({ name: "page", value: `ck=${ck}&cr=${cr}`, reason: "format" });
    else input.cursor = parsed.data;
  }
  return { input: searchPageInput.parse(input), ignored };
}

/** URL parameter names behind each ignored entry, to leave them out of the page's own links. */
export function ignoredUrlNames(ignored: IgnoredParam[]): string[] {
  return ignored.flatMap((i) => (i.name === "page" ? ["page", "ck", "cr"] : [i.name]));
}
