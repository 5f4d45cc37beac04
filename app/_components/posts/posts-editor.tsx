"use client";

import { useState } from "react";
import { useTRPCClient } from "@/app/_trpc/client";
import { Field, FormError } from "../form";
import { useT } from "../i18n";
import { useAction } from "../use-action";

interface Post {
  id: string;
  name: string;
  staffCount: number;
  cap: number;
  interns: number;
  postings: number;
}

/** Declares a post, or corrects one (name, staff); a post no posting names may be deleted. */
function PostForm({ organisationId, post, onDone }: { organisationId: string; post?: Post; onDone?: () => void }) {
  const t = useT();
  const client = useTRPCClient();
  const action = useAction();
  const [name, setName] = useState(post?.name ?? "");
  const [staffCount, setStaffCount] = useState(post ? String(post.staffCount) : "");
  const prefix = post ? `post-${post.id}` : "new-post";
  return (
    <form
      className="grid gap-3 sm:grid-cols-[1fr_12rem_auto] sm:items-end"
      onSubmit={(e) => {
        e.preventDefault();
        const values = { organisationId, name, staffCount: Number(staffCount) };
        void action.run(
          () => (post ? client.posts.update.mutate({ ...values, postId: post.id }) : client.posts.create.mutate(values)),
          () => {
            if (!post) {
              setName("");
              setStaffCount("");
            }
            onDone?.();
          },
        );
      }}
    >
      <div className="sm:col-span-3">
        <FormError message={action.error} />
      </div>
      <Field id={`${prefix}-name`} label={t("posts.name")} error={action.fieldError("name")} required>
        <input id={`${prefix}-name`} className="input" value={name} onChange={(e) => setName(e.target.value)} />
      </Field>
      <Field id={`${prefix}-staff`} label={t("posts.staffCount")} error={action.fieldError("staffCount")} required>
        <input id={`${prefix}-staff`} className="input" type="number" inputMode="numeric" min={1} value={staffCount} onChange={(e) => setStaffCount(e.target.value)} />
      </Field>
      <button type="submit" className="btn-primary" disabled={action.pending}>
        {post ? t("posts.save") : t("posts.add")}
      </button>
    </form>
  );
}

export function PostsEditor({ organisationId, posts }: { organisationId: string; posts: Post[] }) {
  const t = useT();
  const client = useTRPCClient();
  const remove = useAction();
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <div className="space-y-4">
      <section className="card space-y-3" aria-label={t("posts.add")}>
        <PostForm organisationId={organisationId} />
      </section>
      <FormError message={remove.error} />
      {posts.length === 0 && <p className="card">{t("posts.none")}</p>}
      <ul className="space-y-2">
        {posts.map((p) => (
          <li key={p.id} className="card space-y-2" data-testid="host-post">
            <div className="flex flex-wrap items-center gap-2">
              <h2 className="font-semibold">{p.name}</h2>
              <span className="text-sm text-slate-700">{t("posts.staff", { staff: p.staffCount })}</span>
              <span className={`badge ${p.interns > p.cap ? "bg-red-100 text-red-900" : "bg-slate-100 text-slate-800"}`}>{t("posts.usage", { interns: p.interns, cap: p.cap })}</span>
              <span className="text-sm text-slate-600">{t("posts.postings", { n: p.postings })}</span>
              <div className="ml-auto flex gap-2">
                <button type="button" className="btn-secondary" onClick={() => setEditing(editing === p.id ? null : p.id)} aria-expanded={editing === p.id}>
                  {t("posts.edit")}
                </button>
                {p.postings === 0 && (
                  <button type="button" className="btn-secondary" disabled={remove.pending} onClick={() => void remove.run(() => client.posts.remove.mutate({ organisationId, postId: p.id }))}>
                    {t("posts.remove")}
                  </button>
                )}
              </div>
            </div>
            {editing === p.id && <PostForm organisationId={organisationId} post={p} onDone={() => setEditing(null)} />}
          </li>
        ))}
      </ul>
    </div>
  );
}
