import { randomUUID } from "node:crypto";
import type { Role, Tenant, TenantId, TenantKind } from "@dynamo/core";
import { createTenantRepo, type Database } from "@dynamo/db";
import type { Mailer } from "@dynamo/mail";
import { type AreaDefinition, buildNode } from "@dynamo/node";
import { expect } from "vitest";
import { identityArea } from "./area.ts";
import { addFirstUser } from "./services/first-user.ts";

/** Test support for the identity area: tenants, people, a clock that tests move, and logins. */
export const NODE_SECRET = "test-node-secret-of-at-least-32-characters!";
export const PASSWORD = "a long street-work passphrase";

export function createClock(start = "2025-03-01T10:00:00Z") {
  let now = new Date(start);
  return {
    now: () => now,
    advance(ms: number) {
      now = new Date(now.getTime() + ms);
    },
  };
}

export async function addTestTenant(
  database: Database,
  slug: string,
  kind: TenantKind = "region",
  regionCode: "AF" | "AM" | "AS" | "EU" | null = null,
): Promise<Tenant> {
  const created = await createTenantRepo(database.db).create(randomUUID() as TenantId, {
    slug,
    kind,
    regionCode: kind === "hub" ? null : regionCode,
    names: { en: `${slug} site`, fr: `site ${slug}` },
    defaultLocale: "en",
    hosts: [`${slug}.test`],
  });
  if (!created.ok) throw new Error(`could not create tenant ${slug}: ${JSON.stringify(created.error)}`);
  return created.value;
}

export async function addPerson(
  database: Database,
  tenant: Tenant,
  email: string,
  roles: Role[],
  clock: () => Date,
  password = PASSWORD,
) {
  const result = await addFirstUser(
    database.db,
    tenant,
    { email, roles, password, displayName: email.split("@")[0] },
    { clock, newId: randomUUID },
  );
  if (!result.ok) throw new Error(`could not add ${email}: ${JSON.stringify(result.error)}`);
  return result.value;
}

/**
 * A node's app for route and page tests: the identity area (for logins) and the other areas a
 * test names, built as a node builds them; nothing starts in the background.
 */
export function createTestApp(
  database: Database,
  options: {
    kind?: TenantKind;
    clock?: () => Date;
    trustProxy?: boolean;
    nodeSecret?: string;
    publicUrl?: string;
    mailer?: Mailer;
    areas?: readonly AreaDefinition[];
  } = {},
) {
  return buildNode({
    kind: options.kind ?? "region",
    database,
    nodeSecret: options.nodeSecret ?? NODE_SECRET,
    config: {
      env: "test",
      publicUrl: options.publicUrl ?? "http://node.test",
      trustProxy: options.trustProxy ?? false,
      federationAllowPrivateAddresses: true,
      chromiumPath: "",
    },
    areas: [identityArea, ...(options.areas ?? [])],
    ...(options.clock === undefined ? {} : { clock: options.clock }),
    mailer: options.mailer,
  }).app;
}

export type TestApp = ReturnType<typeof createTestApp>;

/** JSON request helper: a bearer token when given. */
export function api(
  app: TestApp,
  host: string,
  method: string,
  path: string,
  options: { token?: string | undefined; body?: unknown; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers["content-type"] = "application/json";
  return app.request(`http://${host}${path}`, {
    method,
    headers,
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
}

export async function loginToken(app: TestApp, host: string, email: string, password = PASSWORD): Promise<string> {
  const response = await api(app, host, "POST", "/api/session", { body: { email, password } });
  expect(response.status, `login of ${email} on ${host}`).toBe(200);
  return ((await response.json()) as { token: string }).token;
}

export async function problemOf(response: Response) {
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  return (await response.json()) as {
    type: string;
    status: number;
    title: string;
    detail?: string;
    errors?: { field: string; pointer: string; code: string; message: string }[];
  } & Record<string, unknown>;
}

/**
 * A small browser for page tests: keeps cookies, sends Accept: text/html and a same-origin
 * Origin, and remembers the CSRF token of the last page it read.
 */
export function createBrowser(app: TestApp, host: string) {
  const cookies = new Map<string, string>();
  let csrf = "";
  const remember = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const index = pair.indexOf("=");
      const name = pair.slice(0, index);
      const value = pair.slice(index + 1);
      if (/max-age=0/i.test(line) || value === "") cookies.delete(name);
      else cookies.set(name, value);
    }
  };
  const cookieHeader = () => [...cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  return {
    cookies,
    get csrf() {
      return csrf;
    },
    async get(path: string) {
      const response = await app.request(`http://${host}${path}`, {
        headers: { accept: "text/html", cookie: cookieHeader() },
      });
      remember(response);
      const html = await response.text();
      csrf = /name="_csrf" value="([^"]*)"/.exec(html)?.[1] ?? csrf;
      return { status: response.status, html, headers: response.headers };
    },
    async post(
      path: string,
      fields: Record<string, string | string[]>,
      options: { csrf?: string | null; origin?: string; headers?: Record<string, string> } = {},
    ) {
      const body = new URLSearchParams();
      const token = options.csrf === undefined ? csrf : options.csrf;
      if (token !== null) body.append("_csrf", token);
      for (const [name, value] of Object.entries(fields))
        for (const v of Array.isArray(value) ? value : [value]) body.append(name, v);
      const response = await app.request(`http://${host}${path}`, {
        method: "POST",
        headers: {
          accept: "text/html",
          cookie: cookieHeader(),
          "content-type": "application/x-www-form-urlencoded",
          origin: options.origin ?? `http://${host}`,
          ...options.headers,
        },
        body: body.toString(),
      });
      remember(response);
      const html = await response.text();
      return { status: response.status, html, location: response.headers.get("location"), headers: response.headers };
    },
  };
}
