"use client";

import { useState } from "react";
import { useT } from "../../_components/i18n";
import { RejectButton } from "../../_components/reject-button";

/**
 * Approve or reject one held change (a posting's revision, an organisation's verified facts): the server's
 * refusal of an approval (say, a rule the change now breaks) shows above the buttons.
 */
export function ChangeDecision(props: { id: string; name: string; approve: () => Promise<unknown>; reject: (reason: string) => Promise<unknown> }) {
  const t = useT();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
      <div className="flex flex-wrap gap-2">
        <button
          type="button"
          className="btn-primary"
          disabled={pending}
          aria-label={`${t("review.approveChange")} ${props.name}`}
          onClick={async () => {
            setError(null);
            setPending(true);
            try {
              await props.approve();
            } catch (e) {
              setError(e instanceof Error ? e.message : String(e));
            } finally {
              setPending(false);
            }
          }}
        >
          {t("review.approveChange")}
        </button>
        <RejectButton id={props.id} name={props.name} label={t("review.rejectChange")} reject={props.reject} />
      </div>
    </>
  );
}
