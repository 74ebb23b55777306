import { testDriver } from "@dynamo/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestNode, type PreparedTestNode, prepareTestNode, TEST_PASSWORD } from "../support/test-node.ts";

/**
 * A page's common path (which tenant, who is asking) may cost at most two database queries; the
 * rest is the page's own content, named here: /publications reads the publications, and
 * /admin/members the people and the platforms. Counted with the database's own hook on every
 * statement sent, on the real app, after a first request of each page (caches filled). The
 * tenant is kept a second in memory; the session is checked on every request (one query), so a
 * logout is seen at once.
 */
const COMMON_PATH = 2;
const queries: string[] = [];
let node: PreparedTestNode;
let app: ReturnType<typeof buildTestNode>["app"];
let cookie = "";

beforeAll(async () => {
  node = await prepareTestNode({
    slug: "europe",
    kind: "region",
    address: "127.0.0.90",
    onQuery: (q) => queries.push(q),
  });
  app = buildTestNode(node, "region").app;
  const login = await app.request(`${node.origin}/api/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: node.adminEmail, password: TEST_PASSWORD }),
  });
  expect(login.status).toBe(200);
  cookie = `dynamo_session=${((await login.json()) as { token: string }).token}`;
}, 180_000);
afterAll(() => node.database.close());

async function counted(path: string, headers: Record<string, string> = {}) {
  const first = await app.request(`${node.origin}${path}`, { headers });
  expect(first.status).toBe(200);
  await first.text();
  queries.length = 0;
  const again = await app.request(`${node.origin}${path}`, { headers });
  expect(again.status).toBe(200);
  await again.text();
  return [...queries];
}

describe(`the queries of a page (${testDriver()})`, () => {
  it("serves the home page to a visitor with at most two queries", async () => {
    const sent = await counted("/");
    expect(sent.length, sent.join("\n")).toBeLessThanOrEqual(COMMON_PATH);
  });

  it("serves /publications to a visitor with at most two queries", async () => {
    const sent = await counted("/publications");
    expect(sent.filter((q) => /from "publications"/.test(q))).toHaveLength(1);
    expect(sent.length, sent.join("\n")).toBeLessThanOrEqual(COMMON_PATH + 1);
  });

  it("serves /admin/members to its administrator with the session checked, within the budget", async () => {
    const sent = await counted("/admin/members", { cookie });
    const content = sent.filter((q) =>
      /from "platforms"|from "people" where "people"."tenant_id" = \$1 order by/.test(q),
    );
    expect(content).toHaveLength(2);
    expect(sent.length, sent.join("\n")).toBeLessThanOrEqual(COMMON_PATH + content.length);
  });

  it("sees a logout at once: the same cookie no longer opens /admin/members", async () => {
    const logout = await app.request(`${node.origin}/api/session`, {
      method: "DELETE",
      headers: { authorization: `Bearer ${cookie.replace(/^dynamo_session=/, "")}` },
    });
    expect(logout.status).toBe(204);
    const after = await app.request(`${node.origin}/admin/members`, { headers: { cookie }, redirect: "manual" });
    expect(after.status).not.toBe(200);
  });
});
