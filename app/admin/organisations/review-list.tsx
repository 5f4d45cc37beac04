"use client";

import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useState } from "react";
import { useTRPC } from "@/app/_trpc/client";
import { organisationKinds, verificationStatuses, type OrganisationKind, type VerificationStatus } from "@/db/schema-enums";
import { ConfirmButton } from "../../_components/confirm-dialog";
import { useFormatters, useT } from "../../_components/i18n";
import { RejectButton } from "../../_components/reject-button";
import { StatusBadge } from "../../_components/status-badge";

/** The administrators' list of organisations, filtered by status, kind and text; filters live in the URL. */
export function ReviewList(props: { status?: VerificationStatus; kind?: OrganisationKind; query: string }) {
  const t = useT();
  const f = useFormatters();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const pathname = usePathname();
  const [text, setText] = useState(props.query);
  const input = { status: props.status, kind: props.kind, query: props.query || undefined, limit: 20 };
  const list = useInfiniteQuery(trpc.organisations.list.infiniteQueryOptions(input, { getNextPageParam: (p) => p.nextCursor ?? undefined, initialCursor: 0 }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.organisations.list.pathKey() });
  const verify = useMutation(trpc.organisations.verify.mutationOptions({ onSuccess: refresh }));
  const reject = useMutation(trpc.organisations.reject.mutationOptions());

  const setFilter = (changes: Record<string, string | undefined>) => {
    const params = new URLSearchParams({ ...(props.status && { status: props.status }), ...(props.kind && { kind: props.kind }), ...(props.query && { q: props.query }) });
    for (const [k, v] of Object.entries(changes)) {
      if (v) params.set(k, v);
      else params.delete(k);
    }
    router.replace(`${pathname}?${params.toString()}`);
  };

  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <div className="space-y-4">
      <form
        className="card grid gap-3 sm:grid-cols-[1fr_1fr_2fr_auto] sm:items-end"
        onSubmit={(e) => {
          e.preventDefault();
          setFilter({ q: text.trim() || undefined });
        }}
      >
        <label className="space-y-1 text-sm">
          <span className="block font-medium">{t("admin.filterStatus")}</span>
          <select className="input" value={props.status ?? ""} onChange={(e) => setFilter({ status: e.target.value || undefined })}>
            <option value="">{t("admin.all")}</option>
            {verificationStatuses.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="space-y-1 text-sm">
          <span className="block font-medium">{t("admin.filterKind")}</span>
          <select className="input" value={props.kind ?? ""} onChange={(e) => setFilter({ kind: e.target.value || undefined })}>
            <option value="">{t("admin.all")}</option>
            {organisationKinds.map((k) => (
              <option key={k} value={k}>
                {t(`role.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="space-y-1 text-sm">
          <span className="block font-medium">{t("admin.search")}</span>
          <input type="search" className="input" value={text} onChange={(e) => setText(e.target.value)} />
        </label>
        <button type="submit" className="btn-secondary">
          {t("admin.search")}
        </button>
      </form>
      <p className="text-sm text-slate-700" aria-live="polite">
        {list.data ? t("admin.count", { n: f.number(list.data.pages[0]?.total ?? 0) }) : t("common.loading")}
      </p>
      {list.data && items.length === 0 && <p className="card text-slate-700">{t("admin.empty")}</p>}
      <ul className="space-y-3">
        {items.map((o) => (
          <li key={o.id} className="card space-y-2" data-testid="review-item">
            <div className="flex flex-wrap items-center gap-2">
              <Link href={`/organisations/${o.id}`} className="font-semibold">
                {o.name}
              </Link>
              <span className="badge bg-slate-100 text-slate-800">{t(`role.${o.kind}`)}</span>
              <StatusBadge status={o.verificationStatus} t={t} />
            </div>
            <p className="text-sm text-slate-700">
              <span className="font-mono">{o.uscc ?? o.schoolCode}</span> · {o.regionName}
              {o.industryName ? ` · ${o.industryName}` : ""}
              {o.schoolLevel ? ` · ${t(`level.${o.schoolLevel}`)}` : ""} · {t("admin.submittedAt")} {f.date(o.createdAt)}
            </p>
            <p className="whitespace-pre-line text-sm" data-testid="evidence">
              {t("common.label", { label: t("org.evidence") })}{o.verificationEvidence || t("org.noEvidence")}
            </p>
            {o.rejectionReason && (
              <p className="text-sm text-red-800">
                {t("common.label", { label: t("org.rejectionReason") })}{o.rejectionReason}
              </p>
            )}
            <div className="flex flex-wrap gap-2">
              {o.verificationStatus !== "verified" && (
                <ConfirmButton className="btn-primary" disabled={verify.isPending} confirm={t("confirm.approveOrganisation", { name: o.name })} confirmLabel={t("admin.verify")} onConfirm={() => verify.mutate({ organisationId: o.id })} aria-label={`${t("admin.verify")} ${o.name}`}>
                  {t("admin.verify")}
                </ConfirmButton>
              )}
              <RejectButton id={o.id} name={o.name} reject={async (reason) => (await reject.mutateAsync({ organisationId: o.id, reason }), await refresh())} />
            </div>
          </li>
        ))}
      </ul>
      {list.hasNextPage && (
        <button type="button" className="btn-secondary" onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage}>
          {t("admin.loadMore")}
        </button>
      )}
    </div>
  );
}
