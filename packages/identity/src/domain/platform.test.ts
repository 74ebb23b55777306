import { parseCountryCode, validateRoles } from "@dynamo/core";
import { describe, expect, it } from "vitest";
import { checkStatusChange, platformVotes, validateNewPlatform } from "./platform.ts";

const contact = { email: null, phone: null, address: null, website: null };

describe("platforms", () => {
  it("canonicalise the country and names", () => {
    const { problems, platform } = validateNewPlatform({
      countryCode: " be ",
      names: { fr: "  Plateforme belge ", en: " " },
      status: "active",
      joinedOn: "2019-05-01",
      contact,
    });
    expect(problems).toEqual([]);
    expect(platform.countryCode).toBe("BE");
    expect(platform.names).toEqual({ fr: "Plateforme belge" });
  });

  it("report every problem of a malformed platform", () => {
    const { problems } = validateNewPlatform({
      countryCode: "XX",
      names: {},
      status: "active",
      joinedOn: "2019-02-30",
      contact,
    });
    expect(problems.map((p) => p.kind)).toEqual(["invalid-country", "no-name", "invalid-date"]);
    expect(parseCountryCode("uk")).toBeNull();
    expect(parseCountryCode("gb")).toBe("GB");
  });

  it("change status only to another status, with a reason; only active ones vote", () => {
    expect(checkStatusChange("active", "suspended", "dues unpaid")).toBeNull();
    expect(checkStatusChange("active", "active", "x")).toEqual({ kind: "same-status", status: "active" });
    expect(checkStatusChange("observer", "active", "  ")).toEqual({ kind: "reason-required" });
    expect([platformVotes({ status: "active" }), platformVotes({ status: "observer" })]).toEqual([true, false]);
  });
});

describe("validateRoles", () => {
  it("keeps region and hub roles apart and seats for representatives with a platform", () => {
    expect(validateRoles("region", { roles: ["member"], platformId: null, platformSeat: null })).toEqual([]);
    expect(validateRoles("region", { roles: ["hub_admin"], platformId: null, platformSeat: null })).toEqual([
      { kind: "role-not-on-tenant", role: "hub_admin" },
    ]);
    expect(validateRoles("hub", { roles: [], platformId: null, platformSeat: "representative" })).toEqual([
      { kind: "no-role" },
      { kind: "seat-needs-platform" },
      { kind: "seat-needs-representative-role" },
    ]);
  });
});
