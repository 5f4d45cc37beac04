import { TRPCError } from "@trpc/server";
import { expect } from "vitest";
import { ComplianceError } from "@/server/trpc";

/** The error a call is refused with; the test fails when the call succeeds or fails otherwise than with a TRPCError. */
export async function refusal(call: Promise<unknown>): Promise<TRPCError> {
  const error = await call.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(TRPCError);
  return error as TRPCError;
}

/** The internship rules' violations a call is refused with (it must be refused by them). */
export async function violationsOf(call: Promise<unknown>) {
  const error = await refusal(call);
  expect(error).toBeInstanceOf(ComplianceError);
  return (error as ComplianceError).violations;
}

/** The ids of the rules a call is refused by. */
export async function rulesRefusing(call: Promise<unknown>) {
  return (await violationsOf(call)).map((v) => v.rule);
}
