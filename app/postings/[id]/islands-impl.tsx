"use client";

import type { ComponentProps } from "react";
import { TRPCReactProvider } from "../../_trpc/client";
import { ReportPosting as Report } from "../../_components/complaints/report-posting";
import { ProposeForm as Propose } from "../../_components/cooperation/propose-form";
import { ReviewActions as Review } from "../../_components/postings/review-actions";
import { ApplyPanel as Apply } from "./apply-panel";

// Each island brings its own provider; they share the browser's one query client and tRPC client.
export const ApplyPanel = (props: ComponentProps<typeof Apply>) => (
  <TRPCReactProvider>
    <Apply {...props} />
  </TRPCReactProvider>
);
export const ProposeForm = (props: ComponentProps<typeof Propose>) => (
  <TRPCReactProvider>
    <Propose {...props} />
  </TRPCReactProvider>
);
export const ReportPosting = (props: ComponentProps<typeof Report>) => (
  <TRPCReactProvider>
    <Report {...props} />
  </TRPCReactProvider>
);
export const ReviewActions = (props: ComponentProps<typeof Review>) => (
  <TRPCReactProvider>
    <Review {...props} />
  </TRPCReactProvider>
);
