import { describe, expect, it } from "vitest";
import { checkPasswordStrength } from "./password.ts";

describe("checkPasswordStrength", () => {
  it("accepts a long, unusual passphrase", () => {
    expect(checkPasswordStrength("rue des Tanneurs 14, le soir")).toBeNull();
    expect(checkPasswordStrength("correct horse battery staple", { email: "ana@example.org" })).toBeNull();
  });

  it("refuses a short one, counting characters rather than bytes", () => {
    expect(checkPasswordStrength("Sh0rt!pass")).toEqual({ kind: "too-short", min: 12 });
    expect(checkPasswordStrength("ééééé")).toEqual({ kind: "too-short", min: 12 });
    expect(checkPasswordStrength("x".repeat(257))).toEqual({ kind: "too-long", max: 256 });
  });

  it("refuses well-known passwords, repetitions and runs", () => {
    for (const weak of [
      "Password1234",
      "qwertyuiop123",
      "abcabcabcabc",
      "zzzzzzzzzzzzzz",
      "123456789012",
      "9876543210987",
    ])
      expect(checkPasswordStrength(weak), weak).toEqual({ kind: "too-common" });
  });

  it("refuses the person's own email address", () => {
    expect(checkPasswordStrength("ana.silva@example.org", { email: "ana.silva@example.org" })).toEqual({
      kind: "contains-email",
    });
  });
});
