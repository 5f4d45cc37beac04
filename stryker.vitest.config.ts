import { defineConfig } from "vitest/config";
import config from "./vitest.config";

/**
 * The tests StrykerJS runs against each mutant (README "Mutation testing"): the "unit" project (Stryker's Vitest
 * runner cannot pick a project, and the browser project starts a server), narrowed to the fast tests and the
 * integration tests written about the mutated modules. The rest of tests/integration reaches these modules only
 * through whole procedures (the fuzz, the authorisation matrix, races between processes): each mutant of a rule
 * would rerun dozens of database-backed tests, hours on two cores.
 */
const unit = config.test?.projects?.find(
  (project): project is { test: { name: string } } =>
    typeof project === "object" && "test" in project && project.test?.name === "unit",
);
if (!unit) throw new Error('vitest.config.ts has no "unit" project');

/** Integration tests about the mutated modules that need a database or whole requests (visibility, redaction, PDFs). */
const integrationTests = [
  "tests/integration/student-visibility.test.ts",
  "tests/integration/student-visibility-gates.test.ts",
  "tests/integration/hygiene.test.ts",
  "tests/integration/transport.test.ts",
  "tests/integration/rate-limits.test.ts",
  "tests/integration/exports.test.ts",
  "tests/integration/report-export-params.test.ts",
  "tests/integration/cv.test.ts",
];

/**
 * MUTATION_TESTS=unit: tests/unit alone, for the pure modules (rules, matching, exports), where a world set up in
 * an integration test's hooks would otherwise make every mutant it touches rerun that whole file.
 */
export const mutationTests = ["tests/unit/**/*.test.ts", ...(process.env.MUTATION_TESTS === "unit" ? [] : integrationTests)];

export default defineConfig({ ...unit, test: { ...unit.test, include: mutationTests } } as Parameters<typeof defineConfig>[0]);
