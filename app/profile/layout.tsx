import type { ReactNode } from "react";
import { TRPCReactProvider } from "../_trpc/client";

/** This section's client components use tRPC; the provider is per section so public pages load without it. */
export default function Layout({ children }: { children: ReactNode }) {
  return <TRPCReactProvider>{children}</TRPCReactProvider>;
}
