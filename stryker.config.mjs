// Mutation testing (StrykerJS) of the modules whose correctness is the product: README "Mutation testing".
//   whole set:                 npm run test:mutation
//   one module or group:       npm run test:mutation -- --mutate "server/compliance/**/*.ts"
//   again, only what changed:  npm run test:mutation -- --incremental   (results kept in reports/mutation/)
//   the modules changed since a git ref:  MUTATION_SINCE=origin/main npm run test:mutation
//   static mutants too (module-level constants and regexes; each reruns every test): MUTATION_STATIC=1
import { execFileSync } from "node:child_process";

const modules = [
  "server/compliance/**/*.ts",
  "server/matching/score.ts",
  "server/students/visibility.ts",
  "server/security/rate-limit.ts",
  "server/security/redirect.ts",
  "server/security/transport.ts",
  "server/security/client-address.ts",
  "server/security/pdf.ts",
  "server/security/redaction.ts",
  "server/reports/export.ts",
];

/** The scoped modules changed since `ref` (committed or not), as paths for `mutate`. */
function changedSince(ref) {
  const changed = execFileSync("git", ["diff", "--name-only", ref, "--", ...modules.map((m) => `:(glob)${m}`)], { encoding: "utf8" });
  const files = changed.split("\n").filter((f) => f.endsWith(".ts"));
  if (files.length === 0) {
    console.log(`No module under mutation testing changed since ${ref}.`);
    process.exit(0);
  }
  return files;
}

/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  // The "unit" project narrowed to the tests about these modules (stryker.vitest.config.ts); the browser project
  // starts a server. `related`: only the test files that import the mutated module are run at all.
  vitest: { configFile: "stryker.vitest.config.ts", related: true },
  coverageAnalysis: "perTest",
  concurrency: 2,
  // Integration tests open an in-memory SQLite database through every migration: a generous timeout.
  timeoutMS: 10_000,
  timeoutFactor: 3,
  ignoreStatic: process.env.MUTATION_STATIC !== "1",
  mutate: process.env.MUTATION_SINCE ? changedSince(process.env.MUTATION_SINCE) : modules,
  // Stryker copies the project into a sandbox (node_modules is symlinked): leave out builds, data and reports.
  // Anchored with "/": a bare "reports" would also drop server/reports from the sandbox.
  ignorePatterns: ["/.stryker-tmp*", "/.next", "/.bench", "/data", "/reports", "/coverage", "/test-results", "/tests/browser", "*.db", "*.db-*", "*.tsbuildinfo"],
  tempDirName: ".stryker-tmp",
  cleanTempDir: "always",
  reporters: ["clear-text", "progress", "html", "json"],
  htmlReporter: { fileName: "reports/mutation/index.html" },
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  incrementalFile: "reports/mutation/stryker-incremental.json",
  // Each module is to stay at 85% or above (the clear-text table lists them); the run fails below 85% overall.
  thresholds: { high: 90, low: 85, break: 85 },
};
