"use client";

import { QueryClientProvider, type QueryClient } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import { useState, type ReactNode } from "react";
import superjson from "superjson";
import type { AppRouter } from "@/server/root";
import { makeQueryClient } from "./query-client";

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

let browserQueryClient: QueryClient | undefined;
function getQueryClient() {
  if (typeof window === "undefined") return makeQueryClient();
  browserQueryClient ??= makeQueryClient();
  return browserQueryClient;
}

const makeTrpcClient = () => createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: "/api/trpc", transformer: superjson, maxItems: 10 /* the server's maxBatchCalls */ })] });
let browserTrpcClient: ReturnType<typeof makeTrpcClient> | undefined;

/**
 * The tRPC and TanStack Query context. Not in the root layout: the segment layouts that need it wrap their
 * pages, and the public pages (home, search, a posting) load it only with their interactive islands, to keep
 * react-query and the tRPC client out of their first load. In the browser every provider shares one query
 * client and one tRPC client, so islands on one page see each other's cache.
 */
export function TRPCReactProvider({ children }: { children: ReactNode }) {
  const queryClient = getQueryClient();
  const [trpcClient] = useState(() => (typeof window === "undefined" ? makeTrpcClient() : (browserTrpcClient ??= makeTrpcClient())));
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
