import { access } from "node:fs/promises";
import { getLogger } from "@logtape/logtape";
import type { Context } from "hono";
import type { TenantEnv } from "./env.ts";
import { problem } from "./problem.tsx";

const logger = getLogger(["dynamo", "pdf"]);

/**
 * Prints a printable HTML page as PDF; `baseUrl` is the node's origin (the page's own stylesheet
 * comes from there). Undefined: this machine cannot print (no Chromium).
 */
export type PdfRenderer = (html: string, baseUrl: string) => Promise<Uint8Array | undefined>;

/**
 * PDF by the printable page itself, printed by headless Chromium (Debian's, found at the path
 * given): the same HTML and print stylesheet as the browser's "print to PDF", so what is read on
 * paper is what the page shows. No network access is given to the page; its own stylesheet is
 * fetched from the node itself. Undefined when Chromium is not there. Starting Chromium, loading
 * the page and printing each have `timeoutMs` (a minute by default): a Chromium that hangs fails
 * that request (a 503 for the reader), it does not hold it.
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
    // Loaded when a PDF is asked for, not at start: playwright-core alone takes longer to load
    // than the rest of the node (0.5–0.7 s), and most starts never print.
    const { chromium } = await import("playwright-core");
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

/** The node's renderer from its configuration: none when no Chromium is configured (""). */
export function pdfRendererFor(chromiumPath: string): PdfRenderer | undefined {
  return chromiumPath === "" ? undefined : createChromiumPdfRenderer(chromiumPath);
}

/**
 * The PDF of a printable page, by the node's renderer, as an attachment named `name`.pdf; a
 * translated 503 when the node has none, or when it fails (a Chromium that will not start, crashes
 * or is too slow): the printable page remains, and the browser's "print to PDF".
 */
export async function pdfResponse(
  c: Context<TenantEnv>,
  render: PdfRenderer | undefined,
  html: string,
  name: string,
): Promise<Response> {
  const origin = new URL(c.req.url).origin;
  let pdf: Uint8Array | undefined;
  try {
    pdf = render === undefined ? undefined : await render(html, origin);
  } catch (error) {
    logger.error("could not print {name} as PDF: {error}", { name, error });
    return problem(c, "unavailable", { detail: c.get("t")("pdf.failed") });
  }
  if (pdf === undefined) return problem(c, "unavailable", { detail: c.get("t")("pdf.unavailable") });
  c.header("Cache-Control", "no-store");
  return c.body(pdf as Uint8Array<ArrayBuffer>, 200, {
    "Content-Type": "application/pdf",
    "Content-Disposition": `attachment; filename="${name}.pdf"`,
  });
}
