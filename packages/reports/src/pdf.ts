import { access } from "node:fs/promises";
import { getLogger } from "@logtape/logtape";
import { chromium } from "playwright-core";
import type { PdfRenderer } from "./deps.ts";

const logger = getLogger(["dynamo", "reports", "pdf"]);

/**
 * PDF by the printable page itself, printed by headless Chromium (Debian's, found at the path
 * given): the same HTML and print stylesheet as the browser's "print to PDF", so what the IPG
 * reads on paper is what the page shows. No network access is given to the page; its own
 * stylesheet is fetched from the node itself. Undefined when Chromium is not there. Starting
 * Chromium, loading the page and printing each have `timeoutMs` (a minute by default): a Chromium
 * that hangs fails that request (a 503 for the reader), it does not hold it.
 */
export function createChromiumPdfRenderer(executablePath: string, options: { timeoutMs?: number } = {}): PdfRenderer {
  const timeout = options.timeoutMs ?? 60_000;
  return async (html, baseUrl) => {
    try {
      await access(executablePath);
    } catch {
      logger.warning("no Chromium at {path}: PDF export unavailable", { path: executablePath });
      return undefined;
    }
    const browser = await chromium.launch({
      executablePath,
      timeout,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
    });
    try {
      const page = await browser.newPage();
      page.setDefaultTimeout(timeout);
      // Only the node's own stylesheet may load; nothing else leaves the machine.
      await page.route("**/*", (route) =>
        route.request().url().startsWith(`${baseUrl}/assets/`) ? route.continue() : route.abort(),
      );
      await page.setContent(html.replace("<head>", `<head><base href="${baseUrl}/">`), { waitUntil: "load" });
      const pdf = await page.pdf({ format: "A4", printBackground: true, margin: { top: "15mm", bottom: "15mm" } });
      return new Uint8Array(pdf);
    } finally {
      await browser.close();
    }
  };
}
