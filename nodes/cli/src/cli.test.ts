import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createPostgresDatabase, testDriver } from "@dynamo/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCliCaptured } from "./testing.ts";

let env: Record<string, string>;
let drop = async () => {};

beforeAll(async () => {
  const dataDir = await mkdtemp(path.join(tmpdir(), "dynamo-cli-"));
  env = { DATA_DIR: dataDir };
  if (testDriver() === "postgres") {
    const created = await createPostgresDatabase();
    env.DATABASE_URL = created.url;
    drop = created.drop;
  }
});
afterAll(() => drop());

const cli = (...argv: string[]) => runCliCaptured(env, argv);

describe("pnpm cli tenant", () => {
  it("adds tenants and lists them", async () => {
    const africa = await cli(
      "tenant",
      "add",
      "--slug",
      "africa",
      "--region",
      "AF",
      "--host",
      "africa.example.org",
      "--locale",
      "fr",
    );
    expect(africa.code).toBe(0);
    expect(africa.out).toContain("added tenant africa");
    const hub = await cli("tenant", "add", "--slug", "hub", "--hub", "--host", "hub.example.org", "--name", "en=Hub");
    expect(hub.code).toBe(0);

    const listed = await cli("tenant", "list", "--json");
    const tenants = JSON.parse(listed.out) as {
      slug: string;
      kind: string;
      names: Record<string, string>;
      hosts: string[];
    }[];
    expect(tenants.map((t) => [t.slug, t.kind, t.hosts[0]])).toEqual([
      ["africa", "region", "africa.example.org"],
      ["hub", "hub", "hub.example.org"],
    ]);
    expect(tenants[0]?.names.fr).toBe("Coordination Afrique");
  });

  it("explains what is wrong and stores nothing", async () => {
    const taken = await cli("tenant", "add", "--slug", "africa", "--region", "AS", "--host", "asia.example.org");
    expect(taken).toMatchObject({ code: 1, err: 'a tenant with slug "africa" already exists' });
    const invalid = await cli("tenant", "add", "--slug", "Asia!", "--region", "AS", "--host", "not a host");
    expect(invalid.code).toBe(1);
    expect(invalid.err).toContain("lower-case letters");
    expect(invalid.err).toContain("is not a host name");
    const usage = await cli("tenant", "add", "--slug", "asia", "--host", "asia.example.org");
    expect(usage.code).toBe(2);
    expect(usage.err).toContain("--region <code> or --hub");
    const unknownFlag = await cli("tenant", "list", "--colour");
    expect(unknownFlag.code).toBe(2);
    const listed = JSON.parse((await cli("tenant", "list", "--json")).out) as unknown[];
    expect(listed).toHaveLength(2);
  });
});
