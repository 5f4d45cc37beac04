/**
 * Copy for the search page (issue 18 item 3): facets, pages, the apply-by order, the phone's filter drawer and the
 * "不可申请" badges. Merged into messages.ts.
 */
export const searchPageZh = {
  "search.sort.applyBy": "申请截止最近",
  "search.param.hide": "隐藏不可申请",
  "search.filters": "筛选",
  "search.filtersOpen": "筛选条件",
  "search.filtersClose": "收起筛选",
  "search.facets": "按条件缩小范围",
  "search.facet.region": "地区",
  "search.facet.nationwide": "全国",
  "search.facet.industry": "行业",
  "search.facet.specialty": "专业大类",
  "search.facet.more": "更多（{n}）",
  "search.barred": "不可申请：{reason}",
  "search.hideBarred": "隐藏我不可申请的",
  "search.showBarred": "显示全部（含不可申请的）",
  "search.pages": "分页",
  "search.prev": "上一页",
  "search.next": "下一页",
  "search.pageN": "第 {n} 页",
  "search.pageOf": "第 {page} 页，共 {pages} 页",
  "search.showResults": "查看结果",
} as const;

export const searchPageEn: Record<keyof typeof searchPageZh, string> = {
  "search.sort.applyBy": "Apply-by soonest",
  "search.param.hide": "hide postings you cannot apply to",
  "search.filters": "Filters",
  "search.filtersOpen": "Filters",
  "search.filtersClose": "Close filters",
  "search.facets": "Narrow the results",
  "search.facet.region": "Region",
  "search.facet.nationwide": "All of China",
  "search.facet.industry": "Industry",
  "search.facet.specialty": "Specialty group",
  "search.facet.more": "More ({n})",
  "search.barred": "Not open to you: {reason}",
  "search.hideBarred": "Hide those I cannot apply to",
  "search.showBarred": "Show all, including those I cannot apply to",
  "search.pages": "Pages",
  "search.prev": "Previous",
  "search.next": "Next",
  "search.pageN": "Page {n}",
  "search.pageOf": "Page {page} of {pages}",
  "search.showResults": "Show results",
};
