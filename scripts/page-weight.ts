/**
 * First-load JavaScript of the public pages, gzip-compressed, read from the Next build in `.next`
 * (`npm run page-weight`; run `next build` first). A page's first load is the root main files every page
 * gets (build-manifest.json) plus the chunks its client reference manifest lists for the page and its
 * layouts (`entryJSFiles`), each counted once. The legacy polyfill chunk is left out: modern browsers
 * skip it (`nomodule`).
 */
import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { gzipSync } from "node:zlib";

/** The budget of issue 20: first-load JS of each public page, compressed. */
export const budgetBytes = 150 * 1024;

/** Public page kinds and the app-router entry that serves each. */
export const publicPages = [
  { name: "home", route: "/page" },
  { name: "search", route: "/search/page" },
  { name: "posting", route: "/postings/[id]/page" },
] as const;

export type PageWeight = { name: string; route: string; files: { file: string; gzipBytes: number }[]; gzipBytes: number };

function readClientManifest(nextDir: string, route: string): Record<string, string[]> {
  const file = path.join(nextDir, "server", "app", `${route}_client-reference-manifest.js`);
  if (!fs.existsSync(file)) throw new Error(`no client reference manifest for ${route} (${file}): run next build first`);
  // The manifest is a script of the build that assigns globalThis.__RSC_MANIFEST[route]; run it in a scratch context.
  const scope: { __RSC_MANIFEST: Record<string, { entryJSFiles?: Record<string, string[]> }>; self?: unknown } = { __RSC_MANIFEST: {} };
  scope.self = scope;
  vm.runInNewContext(fs.readFileSync(file, "utf8"), scope);
  const manifest = scope.__RSC_MANIFEST[route];
  if (!manifest?.entryJSFiles) throw new Error(`client reference manifest for ${route} has no entryJSFiles`);
  return manifest.entryJSFiles;
}

const gzipCache = new Map<string, number>();
function gzipSize(file: string): number {
  let size = gzipCache.get(file);
  if (size === undefined) {
    size = gzipSync(fs.readFileSync(file), { level: 9 }).length;
    gzipCache.set(file, size);
  }
  return size;
}

/** Measures every public page of the build in `nextDir`. */
export function measurePageWeights(nextDir = ".next"): PageWeight[] {
  const buildManifest = JSON.parse(fs.readFileSync(path.join(nextDir, "build-manifest.json"), "utf8")) as { rootMainFiles: string[] };
  return publicPages.map(({ name, route }) => {
    const entries = readClientManifest(nextDir, route);
    // The page's own entry and those of the layouts above it (the app root layout, and any segment layouts).
    const segments = route.replace(/\/page$/, "").split("/").filter(Boolean);
    const layoutKeys = ["[project]/app/layout", ...segments.map((_, i) => `[project]/app/${segments.slice(0, i + 1).join("/")}/layout`)];
    const keys = [...layoutKeys, `[project]/app${route}`];
    const files = new Set<string>(buildManifest.rootMainFiles);
    for (const key of keys) for (const f of entries[key] ?? []) files.add(f);
    if (!entries[`[project]/app${route}`]) throw new Error(`no entry for ${route} in its client reference manifest`);
    const list = [...files].filter((f) => f.endsWith(".js")).map((file) => ({ file, gzipBytes: gzipSize(path.join(nextDir, file)) }));
    return { name, route, files: list, gzipBytes: list.reduce((sum, f) => sum + f.gzipBytes, 0) };
  });
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith("page-weight.ts")) {
  const verbose = process.argv.includes("--files");
  let over = false;
  for (const page of measurePageWeights()) {
    const ok = page.gzipBytes <= budgetBytes;
    over ||= !ok;
    console.log(`${page.name.padEnd(8)} ${kb(page.gzipBytes).padStart(9)}  ${ok ? "ok" : "OVER"} (budget ${kb(budgetBytes)}, ${page.files.length} files)`);
    if (verbose) for (const f of [...page.files].sort((a, b) => b.gzipBytes - a.gzipBytes)) console.log(`           ${kb(f.gzipBytes).padStart(9)}  ${f.file}`);
  }
  if (over) process.exitCode = 1;
}
