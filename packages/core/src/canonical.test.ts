import { describe, expect, it } from "vitest";
import { canonicalJson } from "./canonical.ts";

describe("canonicalJson", () => {
  it("sorts keys by code units at every depth and leaves out undefined", () => {
    expect(canonicalJson({ b: 1, a: { d: [true, null], c: "é" }, Z: undefined, B: "x" })).toBe(
      '{"B":"x","a":{"c":"é","d":[true,null]},"b":1}',
    );
  });

  it("writes dates in ISO 8601 UTC and throws on what JSON cannot say", () => {
    expect(canonicalJson({ at: new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 6)) })).toBe('{"at":"2026-01-02T03:04:05.006Z"}');
    expect(() => canonicalJson(Number.NaN)).toThrow(TypeError);
    expect(() => canonicalJson(new Date("nope"))).toThrow(TypeError);
  });
});
