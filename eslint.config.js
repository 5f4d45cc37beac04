import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: [".next/**", "node_modules/**", "drizzle/**", "data/**", "next-env.d.ts"] },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/only-throw-error": "off",
      // Data access awaits better-sqlite3's synchronous results on purpose (STACK.md): the same code
      // then works on an asynchronous driver, so awaiting a non-promise and async-without-await are fine.
      "@typescript-eslint/await-thenable": "off",
      "@typescript-eslint/require-await": "off",
    },
  },
  {
    // db/ is the bottom layer: schema, factory and queries import nothing from the server, pages or seeders
    // (seeders that drive domain functions live in scripts/seed/).
    files: ["db/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["**/server/*", "@/server/*", "**/app/*", "@/app/*", "**/scripts/*", "@/scripts/*"], message: "db/ is the bottom layer: it imports nothing from server/, app/ or scripts/." }] }],
    },
  },
  {
    // Shared data access is dialect-free (issue 16): queries are awaited, never run with SQLite's
    // synchronous .get()/.all()/.run()/.values(); raw SQL goes through db/sql.ts. Only the modules that
    // are SQLite by nature (the factory, the transaction port, SQLite-only scripts) may call them.
    files: ["**/*.ts", "**/*.tsx"],
    ignores: ["db/create.ts", "db/sql.ts", "db/transaction.ts", "db/sqlite/**", "server/search/sqlite-source.ts", "scripts/sqlite/**", "tests/helpers/sqlite/**"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "CallExpression[arguments.length=0] > MemberExpression.callee[property.name=/^(get|all|run)$/]",
          message: "Await the query instead of SQLite's synchronous .get()/.all()/.run(), so it runs on PostgreSQL too (first() from db/sql.ts for one row).",
        },
      ],
    },
  },
  { files: ["**/*.js", "**/*.mjs"], ...tseslint.configs.disableTypeChecked },
);
