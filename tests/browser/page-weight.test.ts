import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { budgetBytes, measurePageWeights } from "@/scripts/page-weight";
import { launchBrowser } from "./browser";

/** Issue 20, item 6: what a phone downloads before the public pages work. The build exists: globalSetup made it. */
describe("page weight", () => {
  it("home, search and a posting each load at most 150 KB of JavaScript, gzip-compressed", () => {
    const weights = measurePageWeights();
    for (const w of weights) console.log(`first-load JS ${w.name}: ${(w.gzipBytes / 1024).toFixed(1)} KB gzip (${w.files.length} files)`);
    expect(weights.map((w) => w.name)).toEqual(["home", "search", "posting"]);
    for (const w of weights) {
      // A page with no JavaScript counted would mean the manifests were misread, not a light page.
      expect(w.gzipBytes, w.name).toBeGreaterThan(50 * 1024);
      expect(w.gzipBytes, w.name).toBeLessThanOrEqual(budgetBytes);
    }
  });

  describe("largest contentful paint of the search page on a throttled phone", () => {
    let browser: Awaited<ReturnType<typeof launchBrowser>>;
    beforeAll(async () => {
      browser = await launchBrowser({ mobile: true });
    });
    afterAll(async () => {
      await browser?.close();
    });

    it("is measured and printed (a generous bound only: the machine is shared)", async () => {
      const page = await browser.context.newPage();
      const cdp = await browser.context.newCDPSession(page);
      // Lighthouse's mobile profile: 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up, CPU 4× slower.
      await cdp.send("Network.enable");
      await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 });
      await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
      const started = Date.now();
      await page.goto("/search", { waitUntil: "load" });
      const loadMs = Date.now() - started;
      const lcpMs = await page.evaluate(
        () =>
          new Promise<number>((resolve) => {
            let last = 0;
            new PerformanceObserver((list) => {
              for (const entry of list.getEntries()) last = entry.startTime;
            }).observe({ type: "largest-contentful-paint", buffered: true });
            // LCP entries stop once the page is loaded and idle; give late ones a moment.
            setTimeout(() => resolve(last), 1000);
          }),
      );
      // The document itself, for the record: it carries the reader's language of the UI dictionary (for client
      // components) in its React Server Components payload, where the JavaScript used to carry both languages.
      const html = await (await page.request.get("/search")).body();
      console.log(`search page on a throttled phone: LCP ${Math.round(lcpMs)} ms, load ${loadMs} ms; HTML ${(gzipSync(html).length / 1024).toFixed(1)} KB gzip`);
      expect(lcpMs).toBeGreaterThan(0);
      expect(lcpMs).toBeLessThan(15_000);
      await page.close();
    });
  });
});
