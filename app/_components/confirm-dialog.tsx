"use client";

import { useEffect, useId, useRef, useState, type ButtonHTMLAttributes, type ReactNode } from "react";
import { useT } from "./i18n";

/**
 * A modal confirmation on the native <dialog>: showModal() makes the rest of the page inert (focus stays
 * inside), Esc cancels (the dialog's own cancel event), and focus goes back to whatever opened it.
 * Cancel is focused first, so a stray Enter does nothing irreversible.
 */
export function ConfirmDialog(props: { title?: string; message: ReactNode; confirmLabel: string; danger?: boolean; onConfirm: () => void; onCancel: () => void }) {
  const t = useT();
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const messageId = useId();
  useEffect(() => {
    const dialog = ref.current;
    // Whoever had focus before (the trigger), to give it back when the dialog goes.
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (dialog && !dialog.open) dialog.showModal();
    cancelRef.current?.focus();
    return () => {
      if (dialog?.open) dialog.close();
      previous?.focus();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={messageId}
      className="m-auto w-[min(28rem,calc(100%-2rem))] rounded-lg border border-slate-200 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/50"
      onCancel={(e) => {
        // Esc: let React unmount the dialog rather than the browser closing it under React's feet.
        e.preventDefault();
        props.onCancel();
      }}
      // Chrome closes a dialog without a cancel event on a second quick Esc: keep React's state in step.
      onClose={props.onCancel}
    >
      <div className="space-y-3 p-5">
        <h2 id={titleId} className="text-base font-semibold">
          {props.title ?? t("shell.confirmTitle")}
        </h2>
        <div id={messageId} className="text-sm text-slate-700">
          {props.message}
        </div>
        <div className="flex flex-wrap justify-end gap-2 pt-2">
          <button ref={cancelRef} type="button" className="btn-secondary" onClick={props.onCancel}>
            {t("shell.cancel")}
          </button>
          <button type="button" className={props.danger ? "btn-danger" : "btn-primary"} onClick={props.onConfirm}>
            {props.confirmLabel}
          </button>
        </div>
      </div>
    </dialog>
  );
}

/**
 * A button for an action that cannot be taken back: the first tap opens a ConfirmDialog saying what will
 * happen, and only its confirm button runs `onConfirm`. Other button attributes (class, aria-label,
 * disabled) pass through to the trigger.
 */
export function ConfirmButton({
  confirm,
  confirmLabel,
  confirmTitle,
  danger,
  onConfirm,
  children,
  ...button
}: Omit<ButtonHTMLAttributes<HTMLButtonElement>, "onClick" | "type"> & {
  confirm: ReactNode;
  confirmLabel: string;
  confirmTitle?: string;
  danger?: boolean;
  onConfirm: () => void;
}) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" aria-haspopup="dialog" {...button} onClick={() => setOpen(true)}>
        {children}
      </button>
      {open && (
        <ConfirmDialog
          title={confirmTitle}
          message={confirm}
          confirmLabel={confirmLabel}
          danger={danger}
          onCancel={() => setOpen(false)}
          onConfirm={() => {
            setOpen(false);
            onConfirm();
          }}
        />
      )}
    </>
  );
}
