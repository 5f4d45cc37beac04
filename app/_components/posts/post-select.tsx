"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect } from "react";
import { get, useFormContext } from "react-hook-form";
import { useTRPC } from "@/app/_trpc/client";
import { describedBy, Field } from "../form";
import { useT } from "../i18n";

/**
 * The declared post (岗位) a placement internship is for: a select of the host's posts, with a link to
 * declare one. The post's staff, not a number typed here, is what the 20% cap counts against.
 */
export function PostSelect({ organisationId }: { organisationId: string }) {
  const t = useT();
  const trpc = useTRPC();
  const form = useFormContext<{ postId?: string }>();
  const posts = useQuery(trpc.posts.list.queryOptions({ organisationId }));
  // A host with a single declared post has nothing to choose: it is selected for them.
  const only = posts.data?.length === 1 ? posts.data[0]!.id : null;
  useEffect(() => {
    if (only && !form.getValues("postId")) form.setValue("postId", only);
  }, [only, form]);
  const found: unknown = get(form.formState.errors, "postId");
  const error = (found as { message?: string } | undefined)?.message;
  return (
    <div className="space-y-1 sm:col-span-2">
      <Field id="postId" label={t("posts.select")} error={error} hint={t("posts.selectHint")} required>
        <select className="input" {...describedBy("postId", { error, hint: true })} {...form.register("postId")}>
          <option value="">{t("posts.choose")}</option>
          {(posts.data ?? []).map((p) => (
            <option key={p.id} value={p.id}>
              {t("posts.option", { name: p.name, staff: p.staffCount })}
            </option>
          ))}
        </select>
      </Field>
      <Link href={`/organisations/${organisationId}/posts`} className="text-sm underline" target="_blank">
        {t("posts.declare")}
      </Link>
    </div>
  );
}
