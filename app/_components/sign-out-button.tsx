"use client";

import { signOut } from "next-auth/react";
import { useT } from "./i18n";

export function SignOutButton() {
  const t = useT();
  return (
    <button type="button" className="rounded px-2 py-1 text-sm text-slate-700 hover:bg-slate-100" onClick={() => void signOut({ redirectTo: "/" })}>
      {t("nav.signOut")}
    </button>
  );
}
