/**
 * Copy for the follow-ups of issues 13 and 14 (posting reports under review, report limits, /api/trpc transport
 * refusals), zh-CN and English. Merged into messages.ts.
 */
export const followUpsZh = {
  "postingReport.suspended": "因举报暂停展示，待审核",
  "postingReport.suspendedAt": "{at} 因 {n} 人举报暂停展示",
  "errors.reportRateLimited": "举报过于频繁，请 {minutes} 分钟后再试",
  "errors.reportedRecently": "你近期已举报过该信息，{days} 天内不能再次举报",
  "errors.transportTooManyCalls": "一次请求最多包含 {max} 个调用，本次有 {n} 个",
  "errors.transportJsonOnly": "请求须以 application/json 格式发送",
  "errors.transportCrossSite": "不接受来自其他网站的修改请求",
};

export const followUpsEn: Record<keyof typeof followUpsZh, string> = {
  "postingReport.suspended": "Suspended after reports, waiting for review",
  "postingReport.suspendedAt": "Suspended on {at} after {n} reporters",
  "errors.reportRateLimited": "Too many reports; please try again in {minutes} minutes",
  "errors.reportedRecently": "You reported this posting recently; you can report it again after {days} days",
  "errors.transportTooManyCalls": "At most {max} calls in one request; this one has {n}",
  "errors.transportJsonOnly": "Requests must be sent as application/json",
  "errors.transportCrossSite": "Changes from other sites are not accepted",
};
