import { readFile } from "node:fs/promises";
import path from "node:path";
import { apiBase } from "./handle";

/**
 * /api/docs: Swagger UI from the swagger-ui-dist package, served by us (no CDN: the content security policy allows
 * only our own origin, and the page must work offline). Its scripts carry the request's nonce (proxy.ts); the
 * start-up code is a file of ours, not an inline script.
 */
export const docsAssets: Record<string, { file?: string; type: string; body?: string }> = {
  "swagger-ui.css": { file: "swagger-ui.css", type: "text/css; charset=utf-8" },
  "swagger-ui-bundle.js": { file: "swagger-ui-bundle.js", type: "text/javascript; charset=utf-8" },
  // validatorUrl null: Swagger UI would otherwise send the spec to validator.swagger.io for its badge.
  "init.js": {
    type: "text/javascript; charset=utf-8",
    body: `window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({ url: "${apiBase}/openapi.json", dom_id: "#swagger-ui", validatorUrl: null, deepLinking: true, presets: [SwaggerUIBundle.presets.apis], layout: "BaseLayout" });
});
`,
  },
};

/** An asset's bytes and type, or null for a name that is not one. */
export async function docsAsset(name: string): Promise<{ body: string | Buffer; type: string } | null> {
  const asset = docsAssets[name];
  if (!asset) return null;
  if (asset.body !== undefined) return { body: asset.body, type: asset.type };
  return { body: await readFile(path.join(process.cwd(), "node_modules", "swagger-ui-dist", asset.file!)), type: asset.type };
}

function escapeAttribute(text: string) {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The documentation page; `nonce` is the request's (proxy.ts), absent outside the server. */
export function docsPage(nonce: string | null, lang: "zh-CN" | "en"): string {
  const n = nonce ? ` nonce="${escapeAttribute(nonce)}"` : "";
  const title = lang === "en" ? "EduBridge Open API documentation" : "产教桥开放接口文档";
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="stylesheet" href="/api/docs/swagger-ui.css">
</head>
<body>
<noscript>${lang === "en" ? "The documentation needs JavaScript; the specification itself is at" : "文档页面需要 JavaScript；接口描述文件见"} <a href="${apiBase}/openapi.json">${apiBase}/openapi.json</a></noscript>
<div id="swagger-ui"></div>
<script${n} src="/api/docs/swagger-ui-bundle.js"></script>
<script${n} src="/api/docs/init.js"></script>
</body>
</html>
`;
}
