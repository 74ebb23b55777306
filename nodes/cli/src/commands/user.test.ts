import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createDb, createTenantRepo } from "@dynamo/db";
import { createPeopleRepo } from "@dynamo/identity";
import { createTestApp } from "@dynamo/identity/testing";
import { createPostgresDatabase, testDriver } from "@dynamo/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCliCaptured } from "../testing.ts";

let env: Record<string, string>;
let drop = async () => {};
const PASSWORD = "  the first admin's long passphrase ";

beforeAll(async () => {
  const dataDir = await mkdtemp(path.join(tmpdir(), "dynamo-cli-user-"));
  env = { DATA_DIR: dataDir };
  if (testDriver() === "postgres") {
    const created = await createPostgresDatabase();
    env.DATABASE_URL = created.url;
    drop = created.drop;
  }
});
afterAll(() => drop());

const cli = (stdin: string, ...argv: string[]) => runCliCaptured(env, argv, stdin);

const openDb = () =>
  createDb(
    env.DATABASE_URL
      ? { driver: "postgres", url: env.DATABASE_URL }
      : { driver: "pglite", dataDir: path.join(env.DATA_DIR ?? "", "pglite") },
  );

describe("pnpm cli user add", () => {
  it("creates a tenant's first administrator from a password on standard input, and never echoes it", async () => {
    expect((await cli("", "tenant", "add", "--slug", "africa", "--region", "AF", "--host", "africa.test")).code).toBe(
      0,
    );
    const added = await cli(
      `${PASSWORD}\n`,
      ...[
        "user",
        "add",
        "--tenant",
        "africa",
        "--email",
        "Admin@Africa.test",
        "--role",
        "node_admin",
        "--password-stdin",
      ],
    );
    expect(added.err).toBe("");
    expect(added.code).toBe(0);
    expect(added.out).toMatch(/^added admin@africa\.test to africa as node_admin \(/);
    expect(added.out + added.err).not.toContain(PASSWORD.trim());

    // The node accepts that password (spaces included) at once.
    const database = await openDb();
    try {
      const tenant = await createTenantRepo(database.db).findBySlug("africa");
      const people = await createPeopleRepo(database.db, tenant?.id ?? ("" as never)).list();
      expect(people.map((p) => [p.email, p.roles, p.status])).toEqual([
        ["admin@africa.test", ["node_admin"], "active"],
      ]);
      const app = createTestApp(database, { nodeSecret: "cli-test-node-secret-of-at-least-32-chars" });
      const login = await app.request("http://africa.test/api/session", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: "admin@africa.test", password: PASSWORD }),
      });
      expect(login.status).toBe(200);
    } finally {
      await database.close();
    }
  });

  it("explains each refusal and adds nobody", async () => {
    const weak = await cli(
      "password1234\n",
      "user",
      "add",
      "--tenant",
      "africa",
      "--email",
      "b@africa.test",
      "--role",
      "member",
      "--password-stdin",
    );
    expect(weak).toMatchObject({ code: 1, err: "the password is too easy to guess; choose another one" });
    expect(weak.err).not.toContain("password1234");
    const taken = await cli(
      `${PASSWORD}\n`,
      "user",
      "add",
      "--tenant",
      "africa",
      "--email",
      "admin@africa.test",
      "--role",
      "member",
      "--password-stdin",
    );
    expect(taken).toMatchObject({ code: 1, err: "admin@africa.test is already registered on africa" });
    const hubRole = await cli(
      `${PASSWORD}\n`,
      "user",
      "add",
      "--tenant",
      "africa",
      "--email",
      "c@africa.test",
      "--role",
      "hub_admin",
      "--password-stdin",
    );
    expect(hubRole.code).toBe(1);
    expect(hubRole.err).toContain("--role hub_admin is not a role on this tenant");
    const noTenant = await cli(
      `${PASSWORD}\n`,
      "user",
      "add",
      "--tenant",
      "asia",
      "--email",
      "d@asia.test",
      "--role",
      "member",
      "--password-stdin",
    );
    expect(noTenant).toMatchObject({ code: 1, err: 'no tenant with slug "asia" (see: pnpm cli tenant list)' });
    const onArgv = await cli("", "user", "add", "--tenant", "africa", "--email", "e@africa.test", "--role", "member");
    expect(onArgv.code).toBe(2);
    expect(onArgv.err).toContain("--password-stdin");

    const database = await openDb();
    try {
      const tenant = await createTenantRepo(database.db).findBySlug("africa");
      expect(await createPeopleRepo(database.db, tenant?.id ?? ("" as never)).count()).toBe(1);
    } finally {
      await database.close();
    }
  });
});
