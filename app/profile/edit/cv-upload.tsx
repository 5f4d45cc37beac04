"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Field, FormError } from "../../_components/form";
import { useFormatters, useT } from "../../_components/i18n";

/** Uploads the CV attachment through the route handler (multipart), which checks its content and size. */
export function CvUpload({ fileName, fileSize, userId }: { fileName: string | null; fileSize: number | null; userId: string }) {
  const t = useT();
  const f = useFormatters();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function send(method: "POST" | "DELETE", body?: FormData) {
    setBusy(true);
    setError(null);
    try {
      const res = await fetch("/api/profile/cv", { method, body });
      if (!res.ok) setError(((await res.json().catch(() => ({}))) as { error?: string }).error ?? t("common.error"));
      else router.refresh();
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card space-y-3" aria-labelledby="cv-heading">
      <h2 id="cv-heading" className="text-lg font-semibold">
        {t("profile.cv")}
      </h2>
      <FormError message={error} />
      {fileName && (
        <p className="flex flex-wrap items-center gap-3 text-sm">
          <a href={`/api/students/${userId}/cv`} target="_blank" rel="noopener">
            {t("profile.cvUploaded", { name: fileName, size: `${f.number(Math.ceil((fileSize ?? 0) / 1024))} KB` })}
          </a>
          <button type="button" className="btn-secondary" disabled={busy} onClick={() => void send("DELETE")}>
            {t("profile.removeCv")}
          </button>
        </p>
      )}
      <Field id="cv-file" label={t("profile.uploadCv")} hint={t("profile.cvHint")}>
        <input
          id="cv-file"
          type="file"
          accept="application/pdf,.pdf"
          aria-describedby="cv-file-hint"
          className="block text-sm"
          disabled={busy}
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (!file) return;
            const body = new FormData();
            body.append("file", file);
            void send("POST", body);
            e.target.value = "";
          }}
        />
      </Field>
    </section>
  );
}
