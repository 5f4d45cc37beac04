import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The tRPC provider is not in the root layout (to keep react-query and the tRPC client out of the public pages'
 * first load): each section that uses it wraps its pages in a layout. This follows every page's static imports
 * (dynamic import() islands bring their own provider) and fails for a page that reaches app/_trpc/client.tsx
 * with no layout above it rendering TRPCReactProvider, which would throw in the browser.
 */
const root = path.resolve(import.meta.dirname, "../..");
const app = path.join(root, "app");
const trpcClient = path.join(app, "_trpc", "client.tsx");

function resolveImport(from: string, spec: string): string | null {
  const base = spec.startsWith("@/") ? path.join(root, spec.slice(2)) : spec.startsWith(".") ? path.resolve(path.dirname(from), spec) : null;
  if (!base) return null;
  for (const candidate of [base, `${base}.tsx`, `${base}.ts`, path.join(base, "index.tsx"), path.join(base, "index.ts")]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/** Static value imports of a module (not `import type`, not `import()`), resolved to files inside app/. */
function staticImports(file: string): string[] {
  const source = fs.readFileSync(file, "utf8");
  const specs = [...source.matchAll(/^import\s+(?!type\s)[^;]*?from\s+"([^"]+)"/gms), ...source.matchAll(/^export\s+(?!type\s)[^;]*?from\s+"([^"]+)"/gms)].map((m) => m[1]!);
  return specs.map((s) => resolveImport(file, s)).filter((f): f is string => f !== null && f.startsWith(app));
}

function reachesTrpc(page: string): boolean {
  const seen = new Set<string>();
  const stack = [page];
  while (stack.length) {
    const file = stack.pop()!;
    if (file === trpcClient) return true;
    if (seen.has(file)) continue;
    seen.add(file);
    stack.push(...staticImports(file));
  }
  return false;
}

function pages(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "api" ? [] : pages(full);
    return e.name === "page.tsx" ? [full] : [];
  });
}

function hasProviderAbove(page: string): boolean {
  for (let dir = path.dirname(page); dir.startsWith(app); dir = path.dirname(dir)) {
    const layout = path.join(dir, "layout.tsx");
    if (fs.existsSync(layout) && /<TRPCReactProvider>/.test(fs.readFileSync(layout, "utf8"))) return true;
  }
  return false;
}

describe("tRPC provider placement", () => {
  it("every page whose components use tRPC has a layout with the provider above it", () => {
    const all = pages(app);
    expect(all.length).toBeGreaterThan(20);
    const missing = all.filter((p) => reachesTrpc(p) && !hasProviderAbove(p)).map((p) => path.relative(root, p));
    expect(missing).toEqual([]);
  });

  it("the public pages (home, search, a posting) reach no tRPC in their first load", () => {
    for (const page of ["app/page.tsx", "app/search/page.tsx", "app/postings/[id]/page.tsx"]) expect(reachesTrpc(path.join(root, page)), page).toBe(false);
  });
});
