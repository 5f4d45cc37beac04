"use client";

import { TRPCReactProvider } from "../_trpc/client";
import { TreePicker, type TreePickerProps } from "./tree-picker";

/** A TreePicker with its own tRPC provider, for pages whose first load carries no tRPC (see lazy-tree-picker.tsx). */
export function TreePickerIsland(props: TreePickerProps) {
  return (
    <TRPCReactProvider>
      <TreePicker {...props} />
    </TRPCReactProvider>
  );
}
