"use client";

import dynamic from "next/dynamic";

/*
 * The posting page's interactive parts (apply, propose, report, review) load after the page has shown: a
 * reader gets the posting without react-query and the tRPC client in the first load (issue 20, page weight).
 */
const load = () => import("./islands-impl");
export const ApplyPanel = dynamic(() => load().then((m) => m.ApplyPanel), { ssr: false });
export const ProposeForm = dynamic(() => load().then((m) => m.ProposeForm), { ssr: false });
export const ReportPosting = dynamic(() => load().then((m) => m.ReportPosting), { ssr: false });
export const ReviewActions = dynamic(() => load().then((m) => m.ReviewActions), { ssr: false });
