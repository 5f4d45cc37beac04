"use client";

import { useT } from "../i18n";

/** The phrases of a posting's text that may charge students fees or withhold ID, shown to the reviewer. */
export function FeeFlags({ phrases }: { phrases: string[] }) {
  const t = useT();
  if (phrases.length === 0) return null;
  return (
    <div className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-900" data-testid="fee-flags">
      <p className="font-medium">{t("posting.feeFlags")}</p>
      <ul className="list-disc pl-5">
        {phrases.map((phrase) => (
          <li key={phrase}>“{phrase}”</li>
        ))}
      </ul>
    </div>
  );
}
