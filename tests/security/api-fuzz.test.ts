import { randomUUID } from "node:crypto";
import { areas } from "@dynamo/areas";
import { HUB_ROLES, REGION_ROLES, type Role, type TenantKind } from "@dynamo/core";
import { addFirstUser } from "@dynamo/identity";
import { addTenant, buildNode } from "@dynamo/node";
import { createTestDatabase, type TestDatabase } from "@dynamo/testing";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_PASSWORD } from "../support/test-node.ts";
import {
  boundaryValue,
  HOSTILE_SEGMENTS,
  hostileValue,
  type OpenApiDocument,
  type Operation,
  operationsOf,
  pathsOf,
  REMOVE,
  replaceAt,
  validValue,
} from "./openapi-arbitraries.ts";
import { createResponseValidator } from "./response-validator.ts";
import { createTableDigest } from "./table-digest.ts";

/**
 * The project fuzzes itself: every operation of each kind of node's OpenAPI document (built in
 * process by the code that serves /api/openapi.json), with valid, boundary and malformed inputs,
 * unauthenticated and as each role. Every answer must be below 500, an error must be
 * problem+json, every answer must match what the document says of its status, and a refusal
 * (4xx) must leave every table as it was.
 *
 * FUZZ_RUNS sets the runs per operation and principal (default 1: CI); FUZZ_SEED replays a run.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 1);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
const FUZZ_TIMEOUT_MS = Math.max(240_000, RUNS * 120_000);

type Principal = "anonymous" | Role;

interface Plan {
  variant: "valid" | "boundary" | "malformed";
  path: string;
  query: [string, string][];
  body: { text: string; type: string } | undefined;
}

function jsonBody(value: unknown): Plan["body"] {
  return value === undefined ? undefined : { text: JSON.stringify(value), type: "application/json" };
}

function pathOf(operation: Operation, values: Record<string, string>): string {
  return operation.path.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? "x");
}

/** Requests for one operation: valid, at a limit, or malformed in one place. */
function plans(doc: OpenApiDocument, operation: Operation, ids: () => string[]): fc.Arbitrary<Plan> {
  const pathParams = operation.parameters.filter((p) => p.in === "path");
  const queryParams = operation.parameters.filter((p) => p.in === "query");
  const validPath = fc.record(
    Object.fromEntries(
      pathParams.map((p) => [p.name, validValue(doc, p.schema ?? {}, ids).map((v) => encodeURIComponent(String(v)))]),
    ),
  ) as fc.Arbitrary<Record<string, string>>;
  const validQuery = fc.record(
    Object.fromEntries(queryParams.map((p) => [p.name, validValue(doc, p.schema ?? {}, ids).map((v) => String(v))])),
    { requiredKeys: queryParams.filter((p) => p.required).map((p) => p.name) },
  ) as fc.Arbitrary<Record<string, string>>;
  const validBody =
    operation.bodySchema === undefined ? fc.constant(undefined) : validValue(doc, operation.bodySchema, ids);
  const base = fc.record({ path: validPath, query: validQuery, body: validBody });

  const valid = base.map(
    (b): Plan => ({
      variant: "valid",
      path: pathOf(operation, b.path),
      query: Object.entries(b.query),
      body: jsonBody(b.body),
    }),
  );
  const boundary = base.chain((b) => {
    const fields: fc.Arbitrary<Plan>[] = [];
    const schema = operation.bodySchema;
    const properties = schema === undefined ? {} : (resolveProperties(doc, schema) ?? {});
    for (const [name, property] of Object.entries(properties)) {
      fields.push(
        boundaryValue(doc, property).map((v) => ({
          variant: "boundary" as const,
          path: pathOf(operation, b.path),
          query: Object.entries(b.query),
          body: jsonBody(replaceAt(b.body ?? {}, [name], v)),
        })),
      );
    }
    for (const param of queryParams) {
      fields.push(
        boundaryValue(doc, param.schema ?? {}).map((v) => ({
          variant: "boundary" as const,
          path: pathOf(operation, b.path),
          query: [...Object.entries(b.query).filter(([k]) => k !== param.name), [param.name, String(v)]],
          body: jsonBody(b.body),
        })),
      );
    }
    return fields.length === 0 ? valid : fc.oneof(...fields);
  });
  const malformed = base.chain((b) => {
    const at = (body: Plan["body"], path = pathOf(operation, b.path), query = Object.entries(b.query)): Plan => ({
      variant: "malformed",
      path,
      query,
      body,
    });
    const choices: fc.Arbitrary<Plan>[] = [];
    if (pathParams.length > 0) {
      choices.push(
        fc
          .record({
            name: fc.constantFrom(...pathParams.map((p) => p.name)),
            segment: fc.constantFrom(...HOSTILE_SEGMENTS),
          })
          .map(({ name, segment }) => at(jsonBody(b.body), pathOf(operation, { ...b.path, [name]: segment }))),
      );
    }
    const names = [...queryParams.map((p) => p.name), "next", "format"];
    choices.push(
      fc
        .record({ name: fc.constantFrom(...names), value: hostileValue() })
        .map(({ name, value }) => at(jsonBody(b.body), undefined, [...Object.entries(b.query), [name, String(value)]])),
    );
    if (operation.bodySchema !== undefined || operation.method !== "GET") {
      const places = pathsOf(b.body ?? {});
      choices.push(
        fc
          .record({ place: fc.constantFrom(...places), value: hostileValue() })
          .map(({ place, value }) => at(jsonBody(replaceAt(b.body ?? {}, place, value)))),
        fc
          .constantFrom(...places.filter((p) => p.length > 0), ["extra"])
          .map((place) => at(jsonBody(replaceAt(b.body ?? {}, place, REMOVE)))),
        fc
          .constantFrom("not json", "{", "[]", "null", '"x"', '{"a":', "\u0000")
          .map((text) => at({ text, type: "application/json" })),
        fc
          .constantFrom("text/plain", "application/x-www-form-urlencoded", "application/xml")
          .map((type) => at({ text: JSON.stringify(b.body ?? {}), type })),
      );
    }
    return fc.oneof(...choices);
  });
  return fc.oneof(valid, boundary, malformed);
}

function resolveProperties(doc: OpenApiDocument, schema: { $ref?: string; properties?: Record<string, unknown> }) {
  const resolved =
    schema.$ref === undefined ? schema : doc.components?.schemas?.[schema.$ref.replace("#/components/schemas/", "")];
  return resolved?.properties as Record<string, import("./openapi-arbitraries.ts").JsonSchema> | undefined;
}

/** Ids seen in answers (and the target person's), for requests that reach real resources. */
function harvest(value: unknown, into: Set<string>, avoid: Set<string>) {
  if (Array.isArray(value)) for (const item of value) harvest(item, into, avoid);
  else if (value !== null && typeof value === "object")
    for (const [key, item] of Object.entries(value)) {
      if (typeof item === "string" && /id$/i.test(key) && !avoid.has(item) && into.size < 300) into.add(item);
      else harvest(item, into, avoid);
    }
}

/** One line per failing operation: what was sent (long strings cut), what came back, how to replay it. */
function describeFailure(operation: Operation, principal: Principal, error: Error): string {
  const cut = (text: string) => text.replace(/(.)\1{40,}/g, (run, c: string) => `${c}×${run.length}`).slice(0, 600);
  const lines = error.message.split("\n");
  const example = lines.find((l) => l.startsWith("Counterexample")) ?? "";
  const seed = lines.find((l) => l.includes("seed")) ?? "";
  const cause = error.cause instanceof Error ? error.cause.message : lines.slice(-8).join(" ");
  return cut(`${operation.operationId} as ${principal}: ${cause.split("\n")[0]} | ${example} | ${seed}`);
}

for (const kind of ["region", "hub"] as const satisfies readonly TenantKind[]) {
  describe(`the ${kind}'s API under fuzzing`, () => {
    const host = kind === "hub" ? "hub.test" : "europe.test";
    const roles: readonly Role[] = kind === "hub" ? HUB_ROLES : REGION_ROLES;
    let database: TestDatabase;
    let app: ReturnType<typeof buildNode>["app"];
    let doc: OpenApiDocument;
    const tokens = new Map<Role, string>();
    const ids = new Set<string>();
    const avoid = new Set<string>();

    const login = async (role: Role) => {
      const response = await app.request(`http://${host}/api/session`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: `${role}@${host}`, password: TEST_PASSWORD }),
      });
      expect(response.status, `login as ${role}`).toBe(200);
      tokens.set(role, ((await response.json()) as { token: string }).token);
    };

    beforeAll(async () => {
      database = await createTestDatabase();
      const tenant = await addTenant(
        database.db,
        {
          slug: kind === "hub" ? "hub" : "europe",
          kind,
          regionCode: kind === "hub" ? null : "EU",
          names: { en: `${kind} (fuzz)` },
          defaultLocale: "en",
          hosts: [host],
        },
        randomUUID,
      );
      if (!tenant.ok) throw new Error("could not add the tenant");
      const add = async (email: string, role: Role) => {
        const added = await addFirstUser(
          database.db,
          tenant.value,
          { email, roles: [role], password: TEST_PASSWORD },
          { clock: () => new Date(), newId: randomUUID },
        );
        if (!added.ok) throw new Error(`could not add ${email}`);
        return added.value.id;
      };
      for (const role of roles) avoid.add(await add(`${role}@${host}`, role));
      ids.add(await add(`target@${host}`, roles[0] as Role));
      app = buildNode({
        kind,
        areas,
        database,
        nodeSecret: "fuzz-node-secret-of-at-least-32-characters",
        config: {
          env: "test",
          publicUrl: `http://${host}`,
          trustProxy: false,
          federationAllowPrivateAddresses: true,
          chromiumPath: "",
        },
      }).app;
      doc = (await (await app.request(`http://${host}/api/openapi.json`)).json()) as OpenApiDocument;
      for (const role of roles) await login(role);
    }, 180_000);
    afterAll(() => database?.close());

    it(
      "answers every operation, as anyone, with no 5xx, problem+json errors, documented answers, and no change after a refusal",
      async () => {
        const digest = createTableDigest(database);
        const validate = createResponseValidator(doc);
        const failures: string[] = [];
        const operations = operationsOf(doc);
        const principals: Principal[] = ["anonymous", ...roles];
        let last = await digest.take();
        let sent = 0;
        const statuses = new Map<number, number>();
        const started = Date.now();
        for (const operation of operations) {
          for (const principal of principals) {
            try {
              await fc.assert(
                fc.asyncProperty(
                  plans(doc, operation, () => [...ids]),
                  async (plan) => {
                    const headers: Record<string, string> = { accept: "application/json" };
                    const token = principal === "anonymous" ? undefined : tokens.get(principal);
                    if (token !== undefined) headers.authorization = `Bearer ${token}`;
                    if (plan.body !== undefined) headers["content-type"] = plan.body.type;
                    const query = plan.query.length === 0 ? "" : `?${new URLSearchParams(plan.query)}`;
                    const response = await app.request(`http://${host}${plan.path}${query}`, {
                      method: operation.method,
                      headers,
                      ...(plan.body === undefined ? {} : { body: plan.body.text }),
                    });
                    sent += 1;
                    statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
                    const type = response.headers.get("content-type") ?? "";
                    const text = await response.text();
                    const where = `${operation.operationId} as ${principal} (${plan.variant}): ${response.status}`;
                    expect(response.status, `${where} ${text.slice(0, 300)}`).toBeLessThan(500);
                    if (response.status >= 400) expect(type, where).toMatch(/^application\/problem\+json/);
                    const problems = validate(operation, response.status, type, text);
                    expect(problems, where).toEqual([]);
                    const now = await digest.take();
                    if (response.status >= 400)
                      expect(digest.changed(last, now).join(", "), `${where} changed tables`).toBe("");
                    last = now;
                    if (response.ok && type.includes("json")) harvest(JSON.parse(text), ids, avoid);
                    if (response.status === 401 && principal !== "anonymous") {
                      // The session was ended by the request (logout, sessions revoked): a new one, then a new digest.
                      await login(principal);
                      last = await digest.take();
                    }
                  },
                ),
                { numRuns: RUNS, endOnFailure: true, ...(SEED === undefined ? {} : { seed: SEED }) },
              );
            } catch (error) {
              failures.push(describeFailure(operation, principal, error as Error));
              if (principal !== "anonymous") await login(principal);
              last = await digest.take();
            }
          }
        }
        const histogram = [...statuses].sort(([a], [b]) => a - b).map(([status, n]) => `${status}×${n}`);
        console.info(
          `fuzz ${kind}: ${sent} requests over ${operations.length} operations in ${Date.now() - started} ms (${histogram.join(" ")})`,
        );
        if (failures.length > 0) console.info(failures.join("\n"));
        expect(failures).toEqual([]);
        expect(sent).toBeGreaterThanOrEqual(operations.length * principals.length * RUNS);
      },
      FUZZ_TIMEOUT_MS,
    );
  });
}
