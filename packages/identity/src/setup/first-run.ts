import {
  adminRoleFor,
  err,
  HUB_NAMES,
  hostWithoutPort,
  isLocale,
  isRegionCode,
  type Locale,
  type NewTenant,
  ok,
  type Person,
  REGION_NAMES,
  type RegionCode,
  type Result,
  type Tenant,
  type TenantKind,
} from "@dynamo/core";
import { createTenantRepo, type Db } from "@dynamo/db";
import { addTenant } from "@dynamo/node";
import { and, inArray, sql } from "drizzle-orm";
import { people } from "../db/schema.ts";
import { cleanDisplayName, normalizeEmail } from "../domain/person.ts";
import type { FieldProblem } from "../services/errors.ts";
import { addFirstUser } from "../services/first-user.ts";
import { passwordProblems } from "../services/validate.ts";
import { checkSetupToken, type SetupTokenError } from "./setup-token.ts";

/**
 * Where the node is in its first run: open while no tenant of its kind has an administrator
 * (the tenants it already has, none on a new node); closed for good once one has.
 */
export type SetupState = { open: true; tenants: Tenant[] } | { open: false };

export async function setupState(db: Db, kind: TenantKind): Promise<SetupState> {
  const tenants = (await createTenantRepo(db).list()).filter((t) => t.kind === kind);
  if (tenants.length === 0) return { open: true, tenants };
  const admins = await db
    .select({ id: people.id })
    .from(people)
    .where(
      and(
        inArray(
          people.tenantId,
          tenants.map((t) => t.id),
        ),
        sql`${people.roles} && array['node_admin', 'hub_admin']::text[]`,
      ),
    )
    .limit(1);
  return admins.length > 0 ? { open: false } : { open: true, tenants };
}

/** What the setup form sends: the tenant to create (or the one to give its first administrator), and that person. */
export interface SetupInput {
  token: string;
  /** An existing tenant without an administrator (a development node's default region), by slug. */
  tenantSlug?: string | undefined;
  /** For a new tenant: its region (a regional node), the host it answers on, its language. */
  regionCode?: string | undefined;
  host?: string | undefined;
  locale?: string | undefined;
  email: string;
  displayName?: string | undefined;
  password: string;
}

export type SetupFieldProblem = FieldProblem | { field: "regionCode" | "host" | "tenant"; code: SetupFieldCode };
export type SetupFieldCode = "setup.region-invalid" | "setup.region-taken" | "setup.host-invalid" | "setup.host-taken";

export type SetupError =
  | { kind: "token"; error: SetupTokenError }
  | { kind: "closed" }
  | { kind: "invalid"; problems: SetupFieldProblem[] }
  | { kind: "email-taken"; email: string };

export interface SetupDeps {
  db: Db;
  kind: TenantKind;
  nodeSecret: string;
  /** The node's PUBLIC_URL: a tenant on its host answers on it with its port too (its canonical origin). */
  publicUrl: string;
  clock: () => Date;
  newId: () => string;
}

/** The default language of a new region (as a development node's first region has it). */
export function regionLocale(code: RegionCode): Locale {
  return code === "AM" ? "es" : code === "EU" ? "en" : "fr";
}

// Any fixed number: it names "dynamo first-run setup" among the advisory locks.
const SETUP_LOCK = 7_306_118;

/**
 * Completes the first run from the setup link: checks the link (this node's secret, not older
 * than an hour), then in one transaction, holding a lock so that two submissions cannot both
 * pass, checks that no tenant has an administrator yet, creates the tenant if the node has none
 * (the node's own use-case) and its first administrator (the command line's). Once it has run,
 * every setup link is refused.
 */
export async function completeSetup(
  deps: SetupDeps,
  input: SetupInput,
): Promise<Result<{ tenant: Tenant; admin: Person }, SetupError>> {
  const checked = checkSetupToken(deps.nodeSecret, input.token, deps.clock());
  if (!checked.ok) return err({ kind: "token", error: checked.error });
  try {
    return await deps.db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${SETUP_LOCK})`);
      const state = await setupState(tx, deps.kind);
      if (!state.open) throw new SetupAbort({ kind: "closed" });
      const tenant = await tenantFor(tx, deps, state.tenants, input, adminProblems(input));
      const added = await addFirstUser(
        tx,
        tenant,
        {
          email: input.email,
          displayName: input.displayName?.trim() || undefined,
          roles: [adminRoleFor(deps.kind)],
          password: input.password,
          locale: tenant.defaultLocale,
        },
        { clock: deps.clock, newId: deps.newId },
      );
      if (!added.ok) throw new SetupAbort(added.error);
      return ok({ tenant, admin: added.value });
    });
  } catch (error) {
    // A refusal found inside the transaction rolls the tenant back with it.
    if (error instanceof SetupAbort) return err(error.error);
    throw error;
  }
}

class SetupAbort extends Error {
  constructor(readonly error: SetupError) {
    super(error.kind);
  }
}

/** The administrator's problems, listed with the tenant's in one answer (addFirstUser checks them again). */
function adminProblems(input: SetupInput): FieldProblem[] {
  const email = normalizeEmail(input.email);
  return [
    ...(email === null ? [{ field: "email", code: "email.invalid" } as const] : []),
    ...(input.displayName && cleanDisplayName(input.displayName) === null
      ? [{ field: "displayName", code: "name.invalid" } as const]
      : []),
    ...passwordProblems("password", input.password, email ?? input.email),
  ];
}

/** The host given, and PUBLIC_URL's host with its port when it is the same name (as a development node's first tenant has). */
function hostsFor(host: string, publicUrl: string): string[] {
  const own = new URL(publicUrl).host;
  return hostWithoutPort(own) === hostWithoutPort(host) ? [...new Set([own, host])] : [host];
}

async function tenantFor(
  db: Db,
  deps: SetupDeps,
  existing: Tenant[],
  input: SetupInput,
  admin: FieldProblem[],
): Promise<Tenant> {
  if (admin.length > 0 && existing.length > 0) throw new SetupAbort({ kind: "invalid", problems: admin });
  if (existing.length > 0) {
    const tenant =
      existing.find((t) => t.slug === input.tenantSlug) ?? (existing.length === 1 ? existing[0] : undefined);
    if (tenant === undefined)
      throw new SetupAbort({ kind: "invalid", problems: [{ field: "tenant", code: "setup.region-invalid" }] });
    return tenant;
  }
  const regionCode = input.regionCode?.trim().toUpperCase();
  const problems: SetupFieldProblem[] = [...admin];
  if (deps.kind === "region" && (regionCode === undefined || !isRegionCode(regionCode))) {
    problems.push({ field: "regionCode", code: "setup.region-invalid" });
  }
  const host = input.host?.trim().toLowerCase() ?? "";
  const locale = input.locale !== undefined && isLocale(input.locale) ? input.locale : undefined;
  const region = deps.kind === "region" && regionCode !== undefined && isRegionCode(regionCode) ? regionCode : null;
  const tenant: NewTenant = {
    slug: region === null ? "hub" : region.toLowerCase(),
    kind: deps.kind,
    regionCode: region,
    names: region === null ? HUB_NAMES : REGION_NAMES[region],
    defaultLocale: locale ?? (region === null ? "en" : regionLocale(region)),
    hosts: host === "" ? [] : hostsFor(host, deps.publicUrl),
  };
  if (host === "") problems.push({ field: "host", code: "setup.host-invalid" });
  if (problems.length > 0) throw new SetupAbort({ kind: "invalid", problems });
  const added = await addTenant(db, tenant, deps.newId);
  if (added.ok) return added.value;
  switch (added.error.kind) {
    case "invalid":
      throw new SetupAbort({
        kind: "invalid",
        problems: added.error.problems.map((p) =>
          p.kind === "invalid-host" || p.kind === "no-host"
            ? { field: "host", code: "setup.host-invalid" }
            : { field: "regionCode", code: "setup.region-invalid" },
        ),
      });
    case "host-taken":
      throw new SetupAbort({ kind: "invalid", problems: [{ field: "host", code: "setup.host-taken" }] });
    case "region-taken":
    case "slug-taken":
      throw new SetupAbort({ kind: "invalid", problems: [{ field: "regionCode", code: "setup.region-taken" }] });
  }
}
