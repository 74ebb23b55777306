import { adminRoleFor, type Role } from "./roles.ts";
import type { Tenant, TenantId, TenantKind } from "./tenant.ts";

/**
 * Every action a request may ask for. Each area declares its own actions and who may take them
 * (definePolicy), and adds their names here by declaration merging, so that a route naming an
 * action of no area does not compile:
 *
 *     declare module "@dynamo/core" { interface ActionRegistry extends ActionsOf<typeof policy> {} }
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by each area's declaration merging
export interface ActionRegistry {}
export type Action = Extract<keyof ActionRegistry, string>;

/** Who is asking: a signed-in person of one tenant, with that tenant's roles. */
export interface Principal {
  personId: string;
  tenantId: TenantId;
  roles: readonly Role[];
}

/** One area's actions: those anyone may take, and the roles granted each other one, per kind of tenant. */
export interface AreaPolicy {
  public: readonly string[];
  region: Readonly<Partial<Record<string, readonly Role[]>>>;
  hub: Readonly<Partial<Record<string, readonly Role[]>>>;
}

/** An area's policy as it declared it: its public actions, and what each kind of tenant grants. */
export interface DeclaredPolicy<R extends string, H extends string, P extends string> extends AreaPolicy {
  public: readonly P[];
  region: Readonly<Record<R, readonly Role[]>>;
  hub: Readonly<Record<H, readonly Role[]>>;
}

/** Declares an area's actions; an action granted on neither kind of tenant nor public is nobody's. */
export function definePolicy<
  const R extends string = never,
  const H extends string = never,
  const P extends string = never,
>(policy: {
  public?: readonly P[];
  region?: Readonly<Record<R, readonly Role[]>>;
  hub?: Readonly<Record<H, readonly Role[]>>;
}): DeclaredPolicy<R, H, P> {
  return {
    public: policy.public ?? [],
    region: policy.region ?? ({} as Record<R, readonly Role[]>),
    hub: policy.hub ?? ({} as Record<H, readonly Role[]>),
  };
}

/** The action names of an area's policy, for its declaration merging into ActionRegistry. */
export type ActionsOf<P> = P extends DeclaredPolicy<infer R, infer H, infer U> ? Record<R | H | U, true> : never;

/** The node's policy: every area's, put together once when the node is assembled. */
export interface Policy {
  actions: readonly Action[];
  isPublic(action: Action): boolean;
  granted(kind: TenantKind, action: Action): readonly Role[];
}

/** Puts the areas' policies together; an action declared by two areas is a bug and throws. */
export function combinePolicies(policies: readonly AreaPolicy[]): Policy {
  const publicActions = new Set<string>();
  const grants: Record<TenantKind, Map<string, readonly Role[]>> = { region: new Map(), hub: new Map() };
  const owner = new Map<string, number>();
  policies.forEach((policy, index) => {
    const names = new Set([...policy.public, ...Object.keys(policy.region), ...Object.keys(policy.hub)]);
    for (const name of names) {
      if (owner.has(name) && owner.get(name) !== index) throw new Error(`action ${name} is declared by two areas`);
      owner.set(name, index);
    }
    for (const name of policy.public) publicActions.add(name);
    for (const kind of ["region", "hub"] as const) {
      for (const [name, roles] of Object.entries(policy[kind]) as [string, readonly Role[]][]) {
        grants[kind].set(name, roles);
      }
    }
  });
  return {
    actions: [...owner.keys()] as Action[],
    isPublic: (action) => publicActions.has(action),
    granted: (kind, action) => grants[kind].get(action) ?? [],
  };
}

export type Decision = { allowed: true } | { allowed: false; reason: "unauthenticated" | "forbidden" };

/**
 * May this principal (or an anonymous visitor) do this action on this tenant? A principal of
 * another tenant is forbidden everything but the public actions.
 */
export function may(
  policy: Policy,
  principal: Principal | undefined,
  action: Action,
  tenant: Pick<Tenant, "id" | "kind">,
): Decision {
  if (policy.isPublic(action)) return { allowed: true };
  if (principal === undefined) return { allowed: false, reason: "unauthenticated" };
  if (principal.tenantId !== tenant.id) return { allowed: false, reason: "forbidden" };
  const granted = policy.granted(tenant.kind, action);
  return principal.roles.some((role) => granted.includes(role))
    ? { allowed: true }
    : { allowed: false, reason: "forbidden" };
}

/** The actions a principal may take on a tenant: what a page shows in its navigation. */
export function allowedActions(
  policy: Policy,
  principal: Principal | undefined,
  tenant: Pick<Tenant, "id" | "kind">,
): Action[] {
  return policy.actions.filter((action) => may(policy, principal, action, tenant).allowed);
}

/**
 * Granting or taking a tenant's administrator role is for its administrators only, and only an
 * administrator may change another administrator's roles: a coordinator cannot raise themself.
 */
export function mayAssignRoles(
  principal: Principal,
  kind: TenantKind,
  change: { before: readonly Role[]; after: readonly Role[] },
): boolean {
  const admin = adminRoleFor(kind);
  if (principal.roles.includes(admin)) return true;
  return !change.before.includes(admin) && !change.after.includes(admin);
}
