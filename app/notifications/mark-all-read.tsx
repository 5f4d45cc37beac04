"use client";

import { useTRPCClient } from "@/app/_trpc/client";
import { useAction } from "../_components/use-action";

export function MarkAllRead({ label }: { label: string }) {
  const client = useTRPCClient();
  const action = useAction();
  return (
    <button type="button" className="btn-secondary" disabled={action.pending} onClick={() => void action.run(() => client.notifications.markRead.mutate({}))}>
      {label}
    </button>
  );
}
