import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { formatConfigProblems, loadConfig } from "./load-config.ts";

// A password as `openssl rand -base64` makes them: "/", "+" and "=" in it.
const PASSWORD = "kR7/xP+q2@zT9w==";
const SECRET = "n0de-secret-0123456789-abcdefghijklmnopqrstuvwxyz";

async function secretFile(content: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "dynamo-config-"));
  const file = path.join(dir, "secret");
  await writeFile(file, content, { mode: 0o600 });
  return file;
}

describe("loadConfig: the database", () => {
  it.each([
    [`postgres://dynamo:${PASSWORD}@db:5432/dynamo`, "a password with a raw / and @"],
    ["postgres://dynamo:p/w@db/dynamo", "a raw / in the password"],
    ["postgres://dynamo:%zz@db/dynamo", "a broken percent-encoding"],
    ["postgres://:5432/dynamo", "no host"],
    ["postgres//db/dynamo", "no scheme"],
    ["mysql://u:p@db/x", "not PostgreSQL"],
  ])("refuses DATABASE_URL %s (%s) as a listed problem, without echoing it", (url) => {
    const result = loadConfig({ DATABASE_URL: url, LOG_LEVEL: "loud" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.map((p) => p.variable).sort()).toEqual(["DATABASE_URL", "LOG_LEVEL"]);
    const text = formatConfigProblems(result.error);
    expect(text).toContain("DATABASE_URL: must be a PostgreSQL URL");
    expect(text).toContain("DATABASE_HOST");
    expect(text).not.toContain(url);
    expect(text).not.toContain(PASSWORD);
  });

  it("takes a percent-encoded password in DATABASE_URL", () => {
    const url = `postgres://dynamo:${encodeURIComponent(PASSWORD)}@db:5432/dynamo`;
    const result = loadConfig({ DATABASE_URL: url });
    expect(result.ok && result.value.database).toEqual({ driver: "postgres", url });
  });

  it("builds the URL from separate fields, so no password needs encoding", () => {
    const result = loadConfig({
      DATABASE_HOST: "db",
      DATABASE_NAME: "dynamo",
      DATABASE_USER: "dynamo",
      DATABASE_PASSWORD: PASSWORD,
    });
    expect(result.ok).toBe(true);
    if (!result.ok || result.value.database.driver !== "postgres") throw new Error("expected postgres");
    const url = new URL(result.value.database.url);
    expect([url.protocol, url.hostname, url.port, url.pathname]).toEqual(["postgres:", "db", "5432", "/dynamo"]);
    expect(decodeURIComponent(url.username)).toBe("dynamo");
    expect(decodeURIComponent(url.password)).toBe(PASSWORD);
    // The URL it builds passes its own check.
    expect(loadConfig({ DATABASE_URL: result.value.database.url }).ok).toBe(true);
  });

  it("lists what the fields lack, and refuses both ways at once", () => {
    const missing = loadConfig({ DATABASE_HOST: "db", DATABASE_PORT: "0" });
    expect(missing.ok ? [] : missing.error.map((p) => p.variable).sort()).toEqual([
      "DATABASE_NAME",
      "DATABASE_PORT",
      "DATABASE_USER",
    ]);
    const both = loadConfig({
      DATABASE_URL: "postgres://u:p@db/x",
      DATABASE_HOST: "db",
      DATABASE_NAME: "x",
      DATABASE_USER: "u",
    });
    expect(both.ok ? [] : both.error.map((p) => p.variable)).toEqual(["DATABASE_HOST"]);
    const orphan = loadConfig({ DATABASE_PASSWORD: PASSWORD });
    expect(orphan.ok ? [] : orphan.error.map((p) => p.variable)).toEqual(["DATABASE_PASSWORD"]);
    expect(orphan.ok ? "" : formatConfigProblems(orphan.error)).not.toContain(PASSWORD);
  });
});

describe("loadConfig: secrets in files (*_FILE)", () => {
  it("reads NODE_SECRET_FILE and DATABASE_PASSWORD_FILE from the file system, without the final line break", async () => {
    const result = loadConfig({
      NODE_ENV: "production",
      PUBLIC_URL: "https://africa.example.org",
      NODE_SECRET_FILE: await secretFile(`${SECRET}\n`),
      DATABASE_HOST: "db",
      DATABASE_NAME: "dynamo",
      DATABASE_USER: "dynamo",
      DATABASE_PASSWORD_FILE: await secretFile(`${PASSWORD}\n`),
    });
    expect(result.ok).toBe(true);
    if (!result.ok || result.value.database.driver !== "postgres") throw new Error("expected postgres");
    expect(result.value.nodeSecret).toBe(SECRET);
    expect(decodeURIComponent(new URL(result.value.database.url).password)).toBe(PASSWORD);
  });

  it("keeps spaces inside and around a password read from a file", async () => {
    const result = loadConfig({
      DATABASE_HOST: "db",
      DATABASE_NAME: "dynamo",
      DATABASE_USER: "dynamo",
      DATABASE_PASSWORD_FILE: await secretFile(" two words \n"),
    });
    if (!result.ok || result.value.database.driver !== "postgres") throw new Error("expected postgres");
    expect(decodeURIComponent(new URL(result.value.database.url).password)).toBe(" two words ");
  });

  it("lists a missing file, a short secret in a file and a variable set twice, never their contents", async () => {
    const shortSecret = await secretFile("tiny-secret\n");
    const result = loadConfig({
      NODE_SECRET_FILE: shortSecret,
      DATABASE_PASSWORD: "hunter2-in-env",
      DATABASE_PASSWORD_FILE: await secretFile("hunter2-in-file"),
      DATABASE_HOST: "db",
      DATABASE_NAME: "dynamo",
      DATABASE_USER: "dynamo",
      SMTP_URL_FILE: "/nonexistent/smtp-url",
      MAIL_FROM: "nodes@example.org",
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.map((p) => p.variable).sort()).toEqual([
      "DATABASE_PASSWORD_FILE",
      "NODE_SECRET",
      "SMTP_URL_FILE",
    ]);
    const text = formatConfigProblems(result.error);
    expect(text).toContain("SMTP_URL_FILE: cannot read /nonexistent/smtp-url (ENOENT)");
    expect(text).toContain("DATABASE_PASSWORD_FILE: set either DATABASE_PASSWORD or DATABASE_PASSWORD_FILE, not both");
    for (const secret of ["tiny-secret", "hunter2"]) expect(text).not.toContain(secret);
  });

  it("counts a secret file as NODE_SECRET for production's rules", () => {
    const files: Record<string, string> = { "/run/secrets/node_secret": `${SECRET}\n` };
    const result = loadConfig(
      { NODE_ENV: "production", PUBLIC_URL: "https://hub.example.org", NODE_SECRET_FILE: "/run/secrets/node_secret" },
      { port: 3100 },
      (file) => {
        const content = files[file];
        if (content === undefined) throw Object.assign(new Error("no such file"), { code: "ENOENT" });
        return content;
      },
    );
    expect(result.ok && result.value.nodeSecret).toBe(SECRET);
  });
});
