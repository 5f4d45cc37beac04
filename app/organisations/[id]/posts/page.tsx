import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslator, requireUser, serverCaller } from "@/server/request";
import { NotAllowed } from "../../../_components/not-allowed";
import { PostsEditor } from "../../../_components/posts/posts-editor";
import { orNull } from "../../../_trpc/errors";

export const metadata: Metadata = { title: "岗位管理", robots: { index: false } };

/** An enterprise's declared posts (岗位) with the staff on each and what the 20% cap counts on each now. */
export default async function PostsPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requireUser(`/organisations/${id}/posts`);
  const t = await getTranslator();
  const caller = await serverCaller();
  const org = (await orNull(caller.organisations.get({ organisationId: id }))) ?? notFound();
  if (!org.canEdit || org.kind !== "enterprise") return <NotAllowed t={t} />;
  const posts = await caller.posts.list({ organisationId: id });
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <h1 className="text-2xl font-bold">
        {t("posts.title")} · {org.name}
      </h1>
      <p className="text-sm text-slate-700">{t("posts.lead")}</p>
      <PostsEditor organisationId={id} posts={posts} />
    </div>
  );
}
