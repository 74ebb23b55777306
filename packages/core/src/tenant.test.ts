import { describe, expect, it } from "vitest";
import { hostWithoutPort, normalizeHost, validateNewTenant } from "./tenant.ts";

describe("validateNewTenant", () => {
  const valid = {
    slug: "africa",
    kind: "region" as const,
    regionCode: "AF" as const,
    names: { fr: "Afrique" },
    defaultLocale: "fr" as const,
    hosts: ["africa.example.org"],
  };

  it("accepts a well-formed region", () => {
    expect(validateNewTenant(valid)).toEqual([]);
  });

  it("reports every problem of a malformed tenant", () => {
    const problems = validateNewTenant({
      ...valid,
      slug: "Bad Slug",
      regionCode: null,
      names: {},
      hosts: ["bad host"],
    });
    expect(problems.map((p) => p.kind).sort()).toEqual([
      "invalid-host",
      "invalid-slug",
      "no-name",
      "region-code-required",
    ]);
    expect(
      validateNewTenant({ ...valid, kind: "hub", hosts: [] })
        .map((p) => p.kind)
        .sort(),
    ).toEqual(["hub-has-no-region", "no-host"]);
  });
});

describe("hosts", () => {
  it("compares lower-case, with or without the port", () => {
    expect(normalizeHost("Africa.Example.org.")).toBe("africa.example.org");
    expect(hostWithoutPort("Africa.example.org:8443")).toBe("africa.example.org");
    expect(hostWithoutPort("[::1]:3000")).toBe("[::1]");
  });
});
