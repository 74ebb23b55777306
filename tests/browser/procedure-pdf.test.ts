import { randomUUID } from "node:crypto";
import { inflateSync } from "node:zlib";
import { areas } from "@dynamo/areas";
import { addFirstUser } from "@dynamo/identity";
import { createProcedureArea } from "@dynamo/procedure";
import { createChromiumPdfRenderer, type PdfRenderer } from "@dynamo/web";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seed, type VersionJson } from "../procedure/support.ts";
import {
  buildTestNode,
  type PreparedTestNode,
  prepareTestNode,
  serveTestNode,
  TEST_PASSWORD,
  testApiClient,
} from "../support/test-node.ts";

/**
 * The PDF edition of a version of the rules of procedure (getRulesVersion, format=pdf): the
 * version's printable page in the reader's language, printed by the kernel's renderer with
 * Debian's headless Chromium, for whoever may read the version; an unknown version is a 404
 * problem, a node that cannot print a translated 503.
 */
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

let prepared: PreparedTestNode;
let stop: () => Promise<void>;
let printer: PdfRenderer;
let api: ReturnType<typeof testApiClient>["api"];
const secretariat = "ipg@hub.test";

beforeAll(async () => {
  printer = createChromiumPdfRenderer(CHROMIUM);
  prepared = await prepareTestNode({ kind: "hub", slug: "hub", address: "127.0.0.86" });
  // As main.ts builds it, the procedure area printing through the renderer the test puts in place.
  const pdf: PdfRenderer = (html, base) => printer(html, base);
  const built = buildTestNode(prepared, "hub", {
    areas: areas.map((area) => (area.name === "procedure" ? createProcedureArea({ pdf }) : area)),
  });
  const stopServer = serveTestNode("127.0.0.86", prepared.port, built.app.fetch);
  const stopWorkers = built.start();
  stop = async () => {
    await stopServer();
    await stopWorkers();
  };
  api = testApiClient(prepared.origin, prepared.adminEmail).api;
  const added = await addFirstUser(
    prepared.database.db,
    prepared.tenant,
    { email: secretariat, roles: ["ipg_secretariat"], password: TEST_PASSWORD },
    { clock: () => new Date(), newId: randomUUID },
  );
  if (!added.ok) throw new Error(`could not add ${secretariat}`);
  const imported = await api(
    "POST",
    "/api/rules/international/import",
    { markdown: { en: seed("international.en.md"), fr: seed("international.fr.md") } },
    secretariat,
  );
  if (imported.status !== 201) throw new Error(`importRules: ${imported.status} ${await imported.text()}`);
}, 120_000);

afterAll(async () => {
  await stop?.();
  await prepared?.database.close();
});

/**
 * What a PDF says about itself: its first bytes, its page objects, and its title (Chromium
 * writes the page's <title> into the document information, as UTF-16 when it is not ASCII).
 */
function pdfOf(bytes: Uint8Array) {
  const text = Buffer.from(bytes).toString("latin1");
  const raw = /\/Title\s*(\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]*>)/.exec(text)?.[1] ?? "";
  let title = raw;
  if (raw.startsWith("<")) {
    const hex = Buffer.from(raw.slice(1, -1).replace(/\s/g, ""), "hex");
    title = hex[0] === 0xfe && hex[1] === 0xff ? hex.subarray(2).swap16().toString("utf16le") : hex.toString("latin1");
  } else if (raw.startsWith("(")) {
    title = raw.slice(1, -1).replace(/\\([()\\])/g, "$1");
  }
  // The pages' content streams, inflated: printed text is there as glyph runs, so at least they hold some.
  const streams = [...text.matchAll(/stream\r?\n([\s\S]*?)endstream/g)].flatMap((m) => {
    try {
      return [inflateSync(Buffer.from(m[1] ?? "", "latin1")).toString("latin1")];
    } catch {
      return [];
    }
  });
  return {
    head: text.slice(0, 5),
    pages: text.match(/\/Type\s*\/Page(?![s\w])/g)?.length ?? 0,
    title,
    textRuns: streams.reduce((n, s) => n + (s.match(/\bTJ\b|\bTj\b/g)?.length ?? 0), 0),
    size: bytes.length,
  };
}

describe("the PDF edition of a version of the rules of procedure", () => {
  it("prints the version in force in the reader's language, for whoever may read it", { timeout: 90_000 }, async () => {
    const version = (await (
      await api("GET", "/api/rules/international/versions/current", undefined, secretariat)
    ).json()) as VersionJson;
    expect(version.status).toBe("in-force");

    const fr = await api("GET", "/api/rules/international/versions/1?format=pdf", undefined, secretariat, {
      "accept-language": "fr",
    });
    expect(fr.status).toBe(200);
    expect(fr.headers.get("content-type")).toBe("application/pdf");
    expect(fr.headers.get("content-disposition")).toBe('attachment; filename="international-v1-fr.pdf"');
    const frPdf = pdfOf(new Uint8Array(await fr.arrayBuffer()));
    expect(frPdf.head).toBe("%PDF-");
    expect(frPdf.pages).toBeGreaterThanOrEqual(1);
    expect(frPdf.title).toBe("R.O.I. international — version 1 · hub (essai)");
    expect(frPdf.textRuns).toBeGreaterThan(10);
    // What Chromium printed is the printable page: the French wording, without the site's navigation.
    const page = await (
      await api("GET", "/rules/international/versions/1/print", undefined, secretariat, {
        "accept-language": "fr",
        accept: "text/html",
      })
    ).text();
    expect(page).toContain("Dynamo International – Street Workers Network vise à réduire");
    expect(page).not.toContain(secretariat);

    // The current version by its alias, in English: the English title.
    const en = await api("GET", "/api/rules/international/versions/current?format=pdf", undefined, secretariat, {
      "accept-language": "en",
    });
    expect(en.status).toBe(200);
    expect(en.headers.get("content-disposition")).toBe('attachment; filename="international-v1-en.pdf"');
    expect(pdfOf(new Uint8Array(await en.arrayBuffer())).title).toBe(
      "International rules of procedure — version 1 · hub (test)",
    );

    // The version's page links to it.
    const versionPage = await (
      await api("GET", "/rules/international", undefined, secretariat, { accept: "text/html" })
    ).text();
    expect(versionPage).toContain('href="/api/rules/international/versions/1?format=pdf"');
  });

  it("refuses an unknown version and a reader without a session, and says when it cannot print", {
    timeout: 60_000,
  }, async () => {
    for (const path of [
      "/api/rules/international/versions/9?format=pdf",
      "/api/rules/region-EU/versions/current?format=pdf",
    ]) {
      const unknown = await api("GET", path, undefined, secretariat);
      expect(unknown.status).toBe(404);
      expect(unknown.headers.get("content-type")).toContain("application/problem+json");
      expect(((await unknown.json()) as { type: string }).type).toBe("urn:dynamo:problem:not-found");
    }
    const malformed = await api("GET", "/api/rules/international/versions/1?format=docx", undefined, secretariat);
    expect(malformed.status).toBe(400);

    const anonymous = await fetch(`${prepared.origin}/api/rules/international/versions/1?format=pdf`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("content-type")).toContain("application/problem+json");
    // Every role of a tenant reads its rules (the policy's procedure.read); a token that is not
    // the node's is no session.
    const forged = await fetch(`${prepared.origin}/api/rules/international/versions/1?format=pdf`, {
      headers: { authorization: "Bearer eyJhbGciOiJFZERTQSJ9.e30.c2lnbmF0dXJl" },
    });
    expect(forged.status).toBe(401);

    const working = printer;
    try {
      printer = createChromiumPdfRenderer("/nonexistent/chromium");
      const unavailable = await api("GET", "/api/rules/international/versions/1?format=pdf", undefined, secretariat, {
        "accept-language": "pt",
      });
      expect(unavailable.status).toBe(503);
      const problem = (await unavailable.json()) as { type: string; detail: string };
      expect(problem.type).toBe("urn:dynamo:problem:unavailable");
      expect(problem.detail).toContain("Chromium não encontrado");
      printer = createChromiumPdfRenderer("/bin/false");
      const failed = await api("GET", "/api/rules/international/versions/1?format=pdf", undefined, secretariat, {
        "accept-language": "es",
      });
      expect(failed.status).toBe(503);
      expect(((await failed.json()) as { detail: string }).detail).toContain("no pudo generar el PDF");
    } finally {
      printer = working;
    }
    // The Markdown and the printable page remain.
    const markdown = await api("GET", "/api/rules/international/versions/1?format=markdown", undefined, secretariat);
    expect(markdown.status).toBe(200);
  });
});
