import { randomUUID } from "node:crypto";
import {
  type Action,
  COUNTRY_CODES,
  combinePolicies,
  HUB_ROLES,
  may as mayIn,
  type PersonId,
  type Principal,
  REGION_ROLES,
  type Role,
  type Tenant,
} from "@dynamo/core";
import { createTestDatabase, type TestDatabase } from "@dynamo/testing";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPeopleRepo } from "./db/people.ts";
import { identityPolicy } from "./policy.ts";
import {
  addPerson,
  addTestTenant,
  api,
  createClock,
  createTestApp,
  loginToken,
  problemOf,
  type TestApp,
} from "./testing.ts";

const policy = combinePolicies([identityPolicy]);
const may = (principal: Principal, action: Action, tenant: Tenant) => mayIn(policy, principal, action, tenant);

/**
 * Every role against every action, through the real routes: the policy's answer must be what
 * each route does, a refusal must be 401 or 403 problem+json, and a refusal must change nothing.
 */
let database: TestDatabase;
let regionApp: TestApp;
let hubApp: TestApp;
let europe: Tenant;
let hub: Tenant;
const clock = createClock();
let countryIndex = 0;
let emailIndex = 0;
const targets = { region: "", hub: "" };
/** People invited who never joined, one deleted by each allowed "members.delete" cell. */
const pendingTargets: { region: string[]; hub: string[] } = { region: [], hub: [] };
let platformId = "";

type Call = { method: string; path: string; body?: unknown };

/** The identity area's protected actions; other areas' actions are tested through their own routes. */
type IdentityAction = (keyof typeof identityPolicy.region | keyof typeof identityPolicy.hub) & Action;

/** A valid request for each protected action, so that an allowed role succeeds. */
function callFor(action: IdentityAction, kind: "region" | "hub"): Call {
  const targetId = targets[kind];
  const role = kind === "hub" ? "technical_team" : "member";
  switch (action) {
    case "session.logout":
      return { method: "DELETE", path: "/api/session" };
    case "profile.read":
      return { method: "GET", path: "/api/me" };
    case "profile.update":
      return { method: "PATCH", path: "/api/me", body: { locale: "fr" } };
    case "members.list":
      return { method: "GET", path: "/api/members" };
    case "members.invite":
      emailIndex += 1;
      return {
        method: "POST",
        path: "/api/invitations",
        body: { email: `invitee${emailIndex}@example.org`, displayName: "Invitee", roles: [role] },
      };
    case "members.update":
      return { method: "PATCH", path: `/api/members/${targetId}`, body: { roles: [role] } };
    case "members.reset-password":
      return { method: "POST", path: `/api/members/${targetId}/password-reset` };
    case "members.revoke-sessions":
      return { method: "POST", path: `/api/members/${targetId}/revoke-sessions` };
    case "members.disable":
      // Enabling an enabled account changes nothing: the cell proves the permission alone.
      return { method: "POST", path: `/api/members/${targetId}/enable` };
    case "members.delete":
      return { method: "DELETE", path: `/api/members/${pendingTargets[kind][0]}` };
    case "platforms.list":
      return { method: "GET", path: "/api/platforms" };
    case "platforms.create":
      countryIndex += 1;
      return {
        method: "POST",
        path: "/api/platforms",
        body: { countryCode: COUNTRY_CODES[countryIndex], names: { en: "A platform" }, joinedOn: "2020-01-01" },
      };
    case "platforms.update":
      return { method: "PATCH", path: `/api/platforms/${platformId}`, body: { names: { en: "Renamed" } } };
    case "audit.read":
      return { method: "GET", path: "/api/audit-events" };
  }
}

// Logout ends the session, so it comes last for each role.
const PROTECTED = policy.actions.filter((a): a is IdentityAction => !policy.isPublic(a) && a !== "session.logout");
const ORDERED: IdentityAction[] = [...PROTECTED, "session.logout"];

/** A digest of every identity table, to prove a refusal changed nothing. */
async function snapshot(): Promise<string> {
  const tables = ["people", "platforms", "platform_status_changes", "person_tokens", "sessions", "audit_events"];
  const parts: string[] = [];
  for (const table of tables) {
    const result = await database.db.execute(
      sql.raw(
        `select count(*)::int as n, coalesce(md5(string_agg(t::text, '|' order by t::text)), '') as h from ${table} t`,
      ),
    );
    const rows = Array.isArray(result) ? result : (result as { rows: unknown[] }).rows;
    parts.push(JSON.stringify(rows[0]));
  }
  return parts.join(";");
}

beforeAll(async () => {
  database = await createTestDatabase();
  europe = await addTestTenant(database, "europe", "region", "EU");
  const africa = await addTestTenant(database, "africa", "region", "AF");
  hub = await addTestTenant(database, "hub", "hub");
  for (const role of REGION_ROLES) await addPerson(database, europe, `${role}@europe.test`, [role], clock.now);
  for (const role of HUB_ROLES) await addPerson(database, hub, `${role}@hub.test`, [role], clock.now);
  await addPerson(database, africa, "admin@africa.test", ["node_admin"], clock.now);
  targets.region = (await addPerson(database, europe, "target@europe.test", ["member"], clock.now)).id;
  targets.hub = (await addPerson(database, hub, "target@hub.test", ["technical_team"], clock.now)).id;
  for (const [tenant, kind] of [
    [europe, "region"],
    [hub, "hub"],
  ] as const) {
    for (let n = 0; n < 3; n++) {
      const created = await createPeopleRepo(database.db, tenant.id).create(
        {
          id: randomUUID() as PersonId,
          email: `pending${n}@${tenant.slug}.test`,
          displayName: "Pending",
          locale: "en",
          roles: ["member"],
          platformId: null,
          platformSeat: null,
          passwordHash: null,
        },
        clock.now(),
      );
      if (!created.ok) throw new Error("could not invite");
      pendingTargets[kind].push(created.value.id);
    }
  }
  regionApp = createTestApp(database, { clock: clock.now });
  hubApp = createTestApp(database, { clock: clock.now, kind: "hub" });
  const admin = await loginToken(regionApp, "europe.test", "node_admin@europe.test");
  const created = await api(regionApp, "europe.test", "POST", "/api/platforms", {
    token: admin,
    body: { countryCode: "BE", names: { fr: "Plateforme belge" }, joinedOn: "2018-06-01" },
  });
  expect(created.status).toBe(201);
  platformId = ((await created.json()) as { id: string }).id;
});
afterAll(() => database.close());

async function expectCell(
  app: TestApp,
  host: string,
  token: string | undefined,
  action: IdentityAction,
  expected: "allowed" | 401 | 403,
) {
  const call = callFor(action, host === "hub.test" ? "hub" : "region");
  const before = expected === "allowed" ? "" : await snapshot();
  const response = await api(app, host, call.method, call.path, { token, body: call.body });
  if (expected === "allowed") {
    expect(response.status, `${action} should be allowed`).toBeLessThan(300);
    if (action === "members.delete") pendingTargets[host === "hub.test" ? "hub" : "region"].shift();
    return;
  }
  expect(response.status, `${action} should be refused with ${expected}`).toBe(expected);
  const body = await problemOf(response);
  expect(body.type).toBe(expected === 401 ? "urn:dynamo:problem:unauthorized" : "urn:dynamo:problem:forbidden");
  expect(await snapshot(), `${action} refused but changed data`).toBe(before);
}

describe("the permission matrix on a region", () => {
  for (const role of REGION_ROLES) {
    it(`gives a ${role} exactly the policy's actions`, async () => {
      const token = await loginToken(regionApp, "europe.test", `${role}@europe.test`);
      const principal = { personId: "x", tenantId: europe.id, roles: [role] as Role[] };
      for (const action of ORDERED) {
        await expectCell(
          regionApp,
          "europe.test",
          token,
          action,
          may(principal, action, europe).allowed ? "allowed" : 403,
        );
      }
    });
  }

  it("refuses every protected action without a session, with 401", async () => {
    for (const action of ORDERED) await expectCell(regionApp, "europe.test", undefined, action, 401);
  });

  it("refuses every protected action to another tenant's administrator, with 403", async () => {
    const foreign = await loginToken(regionApp, "africa.test", "admin@africa.test");
    for (const action of ORDERED) await expectCell(regionApp, "europe.test", foreign, action, 403);
  });

  it("refuses a forged or foreign-node token as no session, with 401", async () => {
    const otherNode = createTestApp(database, {
      clock: clock.now,
      nodeSecret: "another-node-secret-of-32-characters-or-more",
    });
    const token = await loginToken(otherNode, "europe.test", "node_admin@europe.test");
    await expectCell(regionApp, "europe.test", token, "members.list", 401);
    await expectCell(regionApp, "europe.test", `${token.slice(0, -4)}AAAA`, "profile.read", 401);
  });
});

describe("the permission matrix on the hub", () => {
  for (const role of HUB_ROLES) {
    it(`gives a ${role} exactly the policy's actions`, async () => {
      const token = await loginToken(hubApp, "hub.test", `${role}@hub.test`);
      const principal = { personId: "x", tenantId: hub.id, roles: [role] as Role[] };
      for (const action of ORDERED) {
        await expectCell(hubApp, "hub.test", token, action, may(principal, action, hub).allowed ? "allowed" : 403);
      }
    });
  }

  it("refuses a region's session on the hub", async () => {
    const regional = await loginToken(regionApp, "europe.test", "node_admin@europe.test");
    // The hub node does not even serve the region's host; on the hub's host the token is foreign.
    await expectCell(hubApp, "hub.test", regional, "members.list", 403);
  });
});
