import { mkdtemp, readFile, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { formatConfigProblems, loadConfig } from "./load-config.ts";
import { NODE_SECRET_FILE, resolveNodeSecret } from "./node-secret.ts";
import { describeSmtp } from "./schema.ts";

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

describe("loadConfig: email", () => {
  const PASSWORD = "s3cret-relay-pass/word";
  const url = `smtps://dynamo%40relay.example.org:${encodeURIComponent(PASSWORD)}@mail.example.org:2465`;

  it("sends no email without SMTP_URL, and ignores an empty one", () => {
    const none = loadConfig({});
    expect(none.ok && none.value.mail).toBeUndefined();
    const empty = loadConfig({ SMTP_URL: " ", MAIL_FROM: "" });
    expect(empty.ok && empty.value.mail).toBeUndefined();
  });

  it("reads the relay, its decoded user and password, and the sender with a name", () => {
    const result = loadConfig({ SMTP_URL: url, MAIL_FROM: "Dynamo Europe <noreply@europe.example.org>" });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.mail).toEqual({
      smtp: {
        host: "mail.example.org",
        port: 2465,
        secure: true,
        user: "dynamo@relay.example.org",
        password: PASSWORD,
      },
      from: { address: "noreply@europe.example.org", name: "Dynamo Europe" },
    });
    const relay = result.value.mail && describeSmtp(result.value.mail.smtp);
    expect(relay).toBe("smtps://dynamo%40relay.example.org@mail.example.org:2465");
    expect(relay).not.toContain("s3cret");
  });

  it("defaults the port by scheme and takes a relay without login", () => {
    const plain = loadConfig({ SMTP_URL: "smtp://relay.internal", MAIL_FROM: "nodes@example.org" });
    expect(plain.ok && plain.value.mail).toEqual({
      smtp: { host: "relay.internal", port: 587, secure: false, user: undefined, password: undefined },
      from: { address: "nodes@example.org", name: undefined },
    });
    const tls = loadConfig({ SMTP_URL: "smtps://u:p@relay.internal", MAIL_FROM: "nodes@example.org" });
    expect(tls.ok && tls.value.mail?.smtp.port).toBe(465);
  });

  it.each([
    ["http://user:hunter2@mail.example.org", "not smtp"],
    ["smtp://", "no host"],
    ["mail.example.org:587", "no scheme"],
    ["smtp://user:hunter2@mail.example.org:587/inbox", "a path"],
    ["smtp://:hunter2@mail.example.org", "a password without a user"],
    ["smtp://user:hunter2@mail.example.org:99999", "a port out of range"],
  ])("refuses SMTP_URL %s (%s) without echoing it", (value) => {
    const result = loadConfig({ SMTP_URL: value, MAIL_FROM: "nodes@example.org" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.map((p) => p.variable)).toEqual(["SMTP_URL"]);
    expect(result.error[0]?.message).toMatch(/must be an SMTP URL/);
    expect(formatConfigProblems(result.error)).not.toContain("hunter2");
  });

  it("refuses a sender that is not an address", () => {
    for (const from of ["noreply", "Dynamo <not an address>", "a@b"]) {
      const result = loadConfig({ SMTP_URL: "smtp://relay.internal", MAIL_FROM: from });
      expect(result.ok ? [] : result.error.map((p) => p.variable), from).toEqual(["MAIL_FROM"]);
    }
  });

  it("requires MAIL_FROM with SMTP_URL, listed together with every other problem", () => {
    const result = loadConfig({ SMTP_URL: url, PORT: "http", LOG_LEVEL: "loud" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.map((p) => p.variable).sort()).toEqual(["LOG_LEVEL", "MAIL_FROM", "PORT"]);
    const text = formatConfigProblems(result.error);
    expect(text).toContain("3 configuration problems");
    expect(text).toContain("MAIL_FROM: is required when SMTP_URL is set");
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain(encodeURIComponent(PASSWORD));
  });

  it("reports a bad SMTP_URL and a missing MAIL_FROM at once, with the production rules", () => {
    const result = loadConfig({ NODE_ENV: "production", SMTP_URL: "smtp//relay:secret-pw@x" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.map((p) => p.variable).sort()).toEqual(["MAIL_FROM", "NODE_SECRET", "PUBLIC_URL", "SMTP_URL"]);
    expect(formatConfigProblems(result.error)).not.toContain("secret-pw");
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
