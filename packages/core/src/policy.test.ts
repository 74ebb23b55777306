import { describe, expect, it } from "vitest";
import { type Action, allowedActions, combinePolicies, definePolicy, may } from "./policy.ts";
import type { TenantId } from "./tenant.ts";

const region = { id: "region-1" as TenantId, kind: "region" as const };
const hub = { id: "hub-1" as TenantId, kind: "hub" as const };

// Two areas' policies, as each declares its own (names cast: this test's actions are no area's).
const first = definePolicy({ public: ["a.read"], region: { "a.write": ["member"] } });
const second = definePolicy({ hub: { "b.manage": ["ipg_secretariat"] } });
const policy = combinePolicies([first, second]);
const act = (name: string) => name as Action;

describe("the node's policy, put together from the areas'", () => {
  it("knows every area's actions, and whom each grants them to on each kind of tenant", () => {
    expect(policy.actions).toEqual(["a.read", "a.write", "b.manage"]);
    expect(policy.isPublic(act("a.read"))).toBe(true);
    expect(policy.granted("region", act("a.write"))).toEqual(["member"]);
    expect(policy.granted("hub", act("a.write"))).toEqual([]);
    expect(policy.granted("hub", act("b.manage"))).toEqual(["ipg_secretariat"]);
  });

  it("refuses an action two areas both declare", () => {
    expect(() => combinePolicies([first, definePolicy({ hub: { "a.write": ["hub_admin"] } })])).toThrow(
      /declared by two areas/,
    );
  });

  it("decides: public for anyone, else a principal of this tenant holding a granted role", () => {
    const member = { personId: "p", tenantId: region.id, roles: ["member"] as const };
    expect(may(policy, undefined, act("a.read"), region)).toEqual({ allowed: true });
    expect(may(policy, undefined, act("a.write"), region)).toEqual({ allowed: false, reason: "unauthenticated" });
    expect(may(policy, member, act("a.write"), region)).toEqual({ allowed: true });
    expect(may(policy, { ...member, tenantId: "region-2" as TenantId }, act("a.write"), region)).toEqual({
      allowed: false,
      reason: "forbidden",
    });
    expect(may(policy, { ...member, tenantId: hub.id }, act("a.write"), hub)).toEqual({
      allowed: false,
      reason: "forbidden",
    });
    expect(allowedActions(policy, member, region)).toEqual(["a.read", "a.write"]);
  });
});
