import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslator, requireUser, serverCaller } from "@/server/request";
import { NotAllowed } from "../../_components/not-allowed";
import { HostRanking } from "../host-ranking";
import { RoundManager } from "../round-manager";
import { StudentRanking } from "../student-ranking";

export const metadata: Metadata = { title: "分配轮次" };

/** NOT_FOUND and FORBIDDEN from the procedures become the 404 page: another school's round does not exist here. */
async function orNotFound<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "FORBIDDEN")) notFound();
    throw error;
  }
}

/** One round: school staff manage and review it, a student ranks and reads the result, a host ranks its students. */
export default async function RoundPage({ params, searchParams }: { params: Promise<{ roundId: string }>; searchParams: Promise<{ org?: string }> }) {
  const { roundId } = await params;
  const { org } = await searchParams;
  const user = await requireUser(`/allocation/${roundId}`);
  const t = await getTranslator();
  const caller = await serverCaller();
  const back = (
    <Link href="/allocation" className="text-sm">
      ← {t("allocation.title")}
    </Link>
  );
  if (user.role === "student") {
    const view = await orNotFound(() => caller.allocation.studentView({ roundId }));
    return (
      <div className="mx-auto max-w-xl space-y-4">
        {back}
        <StudentRanking view={view} />
      </div>
    );
  }
  if (!org || !/^[0-9a-f-]{36}$/.test(org)) notFound();
  if (user.role === "school") {
    const detail = await orNotFound(() => caller.allocation.get({ organisationId: org, roundId }));
    return (
      <div className="space-y-4">
        {back}
        <RoundManager organisationId={org} detail={detail} />
      </div>
    );
  }
  if (user.role === "enterprise") {
    const view = await orNotFound(() => caller.allocation.hostView({ organisationId: org, roundId }));
    return (
      <div className="mx-auto max-w-3xl space-y-4">
        {back}
        <HostRanking organisationId={org} view={view} />
      </div>
    );
  }
  return <NotAllowed t={t} />;
}
