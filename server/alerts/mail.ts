import { translate } from "../i18n/messages";
import { appUrl, unsubscribeHeaders, unsubscribeUrl } from "../mail/links";

/** One thing an alert names: a posting, or a student in their visible profile. */
export interface AlertItem {
  id: string;
  title: string;
  detail: string;
  /** A path in the app. */
  link: string;
}

/**
 * The mail of one alert, in Chinese then English (the platform does not know a reader's language outside a
 * request), each item with its link, and the one-click unsubscribe both as headers (RFC 8058) and as a link.
 */
export function alertMail(args: { savedSearchId: string; name: string; kind: "postings" | "candidates"; frequency: "instant" | "daily"; items: AlertItem[]; listLink: string }) {
  const base = appUrl();
  const n = String(args.items.length);
  const subjectKey = args.kind === "postings" ? "savedSearch.mail.subjectPostings" : "savedSearch.mail.subjectStudents";
  const subject = `${translate("zh-CN", subjectKey, { search: args.name, n })} / ${translate("en", subjectKey, { search: args.name, n })}`;
  const lines = args.items.map((item) => `- ${item.title}（${item.detail}）\n  ${base}${item.link}`);
  const body = [
    translate("zh-CN", subjectKey, { search: args.name, n }),
    translate("en", subjectKey, { search: args.name, n }),
    "",
    ...lines,
    "",
    `${translate("zh-CN", "savedSearch.mail.all")} / ${translate("en", "savedSearch.mail.all")}: ${base}${args.listLink}`,
    `${translate("zh-CN", "savedSearch.mail.manage")} / ${translate("en", "savedSearch.mail.manage")}: ${base}/my/saved-searches`,
    "",
    `${translate("zh-CN", "savedSearch.mail.unsubscribe")} / ${translate("en", "savedSearch.mail.unsubscribe")}: ${unsubscribeUrl(args.savedSearchId)}`,
  ].join("\n");
  return { subject, body, headers: unsubscribeHeaders(args.savedSearchId) };
}
