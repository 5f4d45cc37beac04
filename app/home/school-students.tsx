"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useDeferredValue, useState } from "react";
import { useTRPC } from "@/app/_trpc/client";
import { ExportLinks } from "../_components/export-links";
import { useFormatters, useT } from "../_components/i18n";

/** The school's students, searchable by name or specialty. */
export function SchoolStudents({ organisationId }: { organisationId: string }) {
  const t = useT();
  const f = useFormatters();
  const trpc = useTRPC();
  const [query, setQuery] = useState("");
  const deferred = useDeferredValue(query.trim());
  const students = useInfiniteQuery(
    trpc.students.listForSchool.infiniteQueryOptions(
      { organisationId, query: deferred || undefined, limit: 20 },
      { getNextPageParam: (last) => last.nextCursor ?? undefined, initialCursor: 0 },
    ),
  );
  const total = students.data?.pages[0]?.total;
  return (
    <section className="card space-y-3" aria-labelledby="students-heading">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="students-heading" className="text-lg font-semibold">
          {t("home.students")} {total !== undefined && <span className="text-slate-600">({f.number(total)})</span>}
        </h2>
        <input type="search" className="input max-w-xs" placeholder={t("home.searchStudents")} aria-label={t("home.searchStudents")} value={query} onChange={(e) => setQuery(e.target.value)} />
        <ExportLinks t={t} list="students" params={{ organisationId, query: deferred || undefined }} />
      </div>
      <ul className="divide-y divide-slate-200">
        {students.data?.pages.flatMap((p) => p.items).map((s) => (
          <li key={s.userId} className="flex flex-wrap justify-between gap-2 py-2 text-sm">
            <Link href={`/students/${s.userId}`}>{s.name}</Link>
            <span className="text-slate-700">
              {s.specialtyName} · {t("student.year", { year: s.enrolmentYear })}
            </span>
          </li>
        ))}
      </ul>
      {students.hasNextPage && (
        <button type="button" className="btn-secondary" onClick={() => void students.fetchNextPage()} disabled={students.isFetchingNextPage}>
          {t("admin.loadMore")}
        </button>
      )}
    </section>
  );
}
