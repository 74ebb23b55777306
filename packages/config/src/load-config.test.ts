import { mkdtemp, readFile, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { formatConfigProblems, loadConfig } from "./load-config.ts";
import { NODE_SECRET_FILE, resolveNodeSecret } from "./node-secret.ts";

describe("loadConfig", () => {
  it("gives working defaults for a local run on the embedded database", () => {
    const result = loadConfig({}, { port: 3000 });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.port).toBe(3000);
    expect(result.value.host).toBe("127.0.0.1");
    expect(result.value.publicUrl).toBe("http://localhost:3000");
    expect(result.value.database).toEqual({ driver: "pglite", dataDir: path.resolve("data", "pglite") });
    expect(result.value.nodeSecret).toBeUndefined();
  });

  it("switches to PostgreSQL when DATABASE_URL is set, and derives PUBLIC_URL from PORT", () => {
    const result = loadConfig({ DATABASE_URL: "postgres://u:p@db:5432/africa", PORT: "8080" });
    expect(result.ok && result.value.database).toEqual({ driver: "postgres", url: "postgres://u:p@db:5432/africa" });
    expect(result.ok && result.value.publicUrl).toBe("http://localhost:8080");
  });

  it("lists every problem at once instead of stopping at the first", () => {
    const result = loadConfig({
      NODE_ENV: "production",
      PORT: "99999",
      DATABASE_URL: "mysql://nope",
      PUBLIC_URL: "not a url",
      LOG_LEVEL: "loud",
      DEFAULT_REGION: "OC",
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const variables = result.error.map((p) => p.variable).sort();
    expect(variables).toEqual(["DATABASE_URL", "DEFAULT_REGION", "LOG_LEVEL", "NODE_SECRET", "PORT", "PUBLIC_URL"]);
    const text = formatConfigProblems(result.error);
    expect(text).toContain("6 configuration problems");
    expect(text).toContain("DATABASE_URL: must be a PostgreSQL URL");
  });

  it("requires NODE_SECRET and PUBLIC_URL in production", () => {
    const result = loadConfig({ NODE_ENV: "production" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.map((p) => p.variable).sort()).toEqual(["NODE_SECRET", "PUBLIC_URL"]);
  });

  it("refuses a short NODE_SECRET and never echoes it", () => {
    const result = loadConfig({ NODE_SECRET: "hunter2" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error[0]?.variable).toBe("NODE_SECRET");
    expect(formatConfigProblems(result.error)).not.toContain("hunter2");
  });
});

describe("resolveNodeSecret", () => {
  it("generates the secret once into DATA_DIR, owner-only, and reuses it", async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), "dynamo-secret-"));
    const first = await resolveNodeSecret({ nodeSecret: undefined, dataDir, env: "development" });
    const second = await resolveNodeSecret({ nodeSecret: undefined, dataDir, env: "development" });
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(second).toBe(first);
    const file = path.join(dataDir, NODE_SECRET_FILE);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await readFile(file, "utf8")).trim()).toBe(first);
  });

  it("prefers NODE_SECRET and refuses a damaged secret file", async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), "dynamo-secret-"));
    const given = "x".repeat(40);
    expect(await resolveNodeSecret({ nodeSecret: given, dataDir, env: "production" })).toBe(given);
    await writeFile(path.join(dataDir, NODE_SECRET_FILE), "short\n");
    await expect(resolveNodeSecret({ nodeSecret: undefined, dataDir, env: "development" })).rejects.toThrow(
      /shorter than 32/,
    );
  });
});
