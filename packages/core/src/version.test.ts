import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { APP_VERSION } from "./version.ts";

const root = new URL("../../../", import.meta.url);

describe("the release version", () => {
  it("is semver, and the same in the root package.json and at the top of CHANGELOG.md", () => {
    expect(APP_VERSION).toMatch(/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/);
    expect(JSON.parse(readFileSync(new URL("package.json", root), "utf8")).version).toBe(APP_VERSION);
    const first = readFileSync(new URL("CHANGELOG.md", root), "utf8").match(/^## (\S+)/m)?.[1];
    expect(first).toBe(APP_VERSION);
  });
});
