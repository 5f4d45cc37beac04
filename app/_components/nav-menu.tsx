"use client";

import { usePathname } from "next/navigation";
import { useEffect, useRef, useState, type ReactNode } from "react";

/**
 * The site navigation: inline from the lg breakpoint up; below it one "menu" button (aria-expanded,
 * aria-controls) that shows the links as a panel under the header. The panel closes on navigation, on
 * a click on one of its links, and on Esc (focus back on the button). The links are server-rendered children.
 */
export function NavMenu({ label, buttonLabel, children }: { label: string; buttonLabel: string; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const pathname = usePathname();
  const [shownFor, setShownFor] = useState(pathname);
  const buttonRef = useRef<HTMLButtonElement>(null);
  // A new page closes the menu (state adjusted during render, React's pattern for "reset on prop change").
  if (shownFor !== pathname) {
    setShownFor(pathname);
    setOpen(false);
  }
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      setOpen(false);
      buttonRef.current?.focus();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [open]);
  return (
    <nav aria-label={label} className="text-sm">
      <button
        ref={buttonRef}
        type="button"
        className="inline-flex items-center gap-1.5 rounded-md border border-slate-300 px-3 py-1.5 text-slate-800 hover:bg-slate-100 lg:hidden"
        aria-expanded={open}
        aria-controls="site-nav"
        onClick={() => setOpen((o) => !o)}
      >
        <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
          {open ? <path d="M5 5l10 10M15 5L5 15" /> : <path d="M3 5h14M3 10h14M3 15h14" />}
        </svg>
        {buttonLabel}
      </button>
      <div
        id="site-nav"
        className={`${open ? "flex" : "hidden"} absolute inset-x-0 top-full z-40 flex-col gap-1 border-b border-slate-200 bg-white px-4 py-3 shadow-md lg:static lg:flex lg:flex-row lg:flex-wrap lg:items-center lg:border-0 lg:p-0 lg:shadow-none [&>a]:py-2 lg:[&>a]:py-1`}
        // A link to the page already shown does not change the path: close on the click itself.
        onClick={(e) => {
          if ((e.target as HTMLElement).closest("a")) setOpen(false);
        }}
      >
        {children}
      </div>
    </nav>
  );
}
