import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import module from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { createPostgresDatabase, freePort, REPO_ROOT, startProcess, testDriver, waitFor } from "@dynamo/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const TOOLING = ["tsx", "typescript", "vitest", "esbuild", "@biomejs", "drizzle-kit", "smtp-server", "@types"];
const SECRET = "built-node-secret-0123456789-abcdefghijklmnopqrstuvwxyz";
// A database password as `openssl rand -base64` makes them: with "/" and "+".
const DB_PASSWORD = "p/ss+word=";

let out = "";
let work = "";

// The build goes outside the repository: a package it forgot cannot be found in the repository's
// node_modules by Node's lookup up the folders.
beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), "dynamo-built-"));
  out = path.join(work, "dist");
  await run(process.execPath, [path.join(REPO_ROOT, "scripts/build.mjs"), out], { cwd: REPO_ROOT });
}, 120_000);
afterAll(() => rm(work, { recursive: true, force: true }));

async function files(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

describe("the production build (pnpm build)", () => {
  it("holds JavaScript on the production JSX runtime and runtime packages only", async () => {
    const bin = await files(path.join(out, "bin"));
    expect(bin.filter((f) => /\.(ts|tsx)$/.test(f))).toEqual([]);
    expect(bin.map((f) => path.basename(f))).toEqual(expect.arrayContaining(["regional.mjs", "hub.mjs", "cli.mjs"]));
    const code = (await Promise.all(bin.filter((f) => f.endsWith(".mjs")).map((f) => readFile(f, "utf8")))).join("\n");
    // The production runtime's calls (Hono names its function jsxDEV in both runtimes) carry no
    // source positions, which the development runtime's do.
    expect(/lineNumber: \d+, columnNumber: \d+/.test(code), "development JSX calls in the bundle").toBe(false);
    const modules = await readdir(path.join(out, "node_modules"));
    for (const tool of TOOLING) expect(modules).not.toContain(tool);
    const manifest = JSON.parse(await readFile(path.join(out, "package.json"), "utf8")) as {
      dependencies: Record<string, string>;
    };
    expect(Object.keys(manifest.dependencies)).toEqual(
      expect.arrayContaining(["@electric-sql/pglite", "@node-rs/argon2"]),
    );
    for (const tool of TOOLING) expect(Object.keys(manifest.dependencies)).not.toContain(tool);
  });

  it("starts a production node with plain node, logs its setup link and serves the setup page", async () => {
    const port = await freePort();
    const secretFile = path.join(work, "node_secret");
    await writeFile(secretFile, `${SECRET}\n`, { mode: 0o600 });
    const env: Record<string, string> = {
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      NODE_SECRET_FILE: secretFile,
      DATA_DIR: path.join(work, "data"),
      LOG_LEVEL: "info",
      NODE_COMPILE_CACHE: path.join(work, "compile-cache"),
    };
    let drop = async () => {};
    if (testDriver() === "postgres") {
      // The database as separate fields, a password with "/" and "+" in a file (the test
      // server trusts its local connections, so the password is parsed and sent, not checked).
      const database = await createPostgresDatabase();
      drop = database.drop;
      const url = new URL(database.url);
      const passwordFile = path.join(work, "db_password");
      await writeFile(passwordFile, `${DB_PASSWORD}\n`, { mode: 0o600 });
      Object.assign(env, {
        DATABASE_HOST: url.hostname,
        DATABASE_PORT: url.port || "5432",
        DATABASE_NAME: url.pathname.slice(1),
        DATABASE_USER: decodeURIComponent(url.username),
        DATABASE_PASSWORD_FILE: passwordFile,
      });
    }
    const node = startProcess(path.join(out, "bin/regional.mjs"), env, [], { compiled: true, cwd: out });
    try {
      await waitFor(async () => (await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined))?.ok, {
        timeoutMs: 60_000,
        what: `the built node on port ${port}\n${node.output()}`,
      });
      const link = await waitFor(async () => /"link":"([^"]+)"/.exec(node.output())?.[1], {
        timeoutMs: 10_000,
        what: "the setup link in the log",
      });
      expect(link).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${port}/setup\\?token=`));
      const page = await fetch(link, { headers: { accept: "text/html", "accept-language": "es" } });
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('<html lang="es">');
      expect(html).toContain("Configurar este nodo");
      const css = await fetch(`http://127.0.0.1:${port}/assets/app.css`);
      expect(css.status).toBe(200);
      expect((await css.text()).length).toBeGreaterThan(500);
      const health = await (await fetch(`http://127.0.0.1:${port}/healthz`)).json();
      expect(health).toEqual({ status: "ok", database: testDriver() });
      expect(node.output()).not.toContain(SECRET);
      expect(node.output()).not.toContain(DB_PASSWORD);
      expect(await node.stop("SIGTERM")).toBe(0);
      // The launcher turned V8's compile cache on (Node 22.1 and later): the next start reads it.
      if (typeof (module as { enableCompileCache?: unknown }).enableCompileCache === "function") {
        const cached = await files(path.join(work, "compile-cache"));
        expect(cached.length).toBeGreaterThan(0);
      }
    } finally {
      await node.stop("SIGKILL");
      await drop();
    }
  }, 120_000);
});
