/**
 * Serves the built app (production mode) through Next's request handler behind a plain Node HTTP server,
 * so that the app learns the address each connection really comes from: Next.js gives route handlers no
 * socket, and its own `X-Forwarded-For` is whatever the client sent. Every request gets the peer address
 * and this process's random key in two internal headers, after any client-sent copies are removed;
 * server/security/client-address.ts believes the address only with the key, and `X-Forwarded-For` only
 * from the proxies named in TRUSTED_PROXIES. Used by `npm start` (scripts/start.ts) and by scripts/serve.ts
 * (browser tests, load bench): `tsx scripts/next-server.ts --port 3000 [--hostname 127.0.0.1]`.
 */
import { randomBytes } from "node:crypto";
import http from "node:http";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import next from "next";
import { peerHeader, peerKeyHeader } from "../server/security/client-address";

export async function serveApp({ port, hostname }: { port: number; hostname?: string }) {
  // Serving the build is production, as under `next start`.
  (process.env as Record<string, string>).NODE_ENV ??= "production";
  const key = randomBytes(24).toString("base64url");
  process.env.EDUBRIDGE_PEER_KEY = key;
  const app = next({ dev: false, port, hostname });
  const handle = app.getRequestHandler();
  await app.prepare();
  const server = http.createServer((req, res) => {
    delete req.headers[peerHeader];
    delete req.headers[peerKeyHeader];
    req.headers[peerHeader] = req.socket.remoteAddress ?? "unknown";
    req.headers[peerKeyHeader] = key;
    void handle(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, hostname, resolve);
  });
  console.log(`▲ EduBridge ready on http://${hostname ?? "localhost"}:${port}`);
  return server;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({ options: { port: { type: "string", default: "3000" }, hostname: { type: "string" } } });
  await serveApp({ port: Number(values.port), hostname: values.hostname });
}
