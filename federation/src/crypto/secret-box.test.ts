import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createSecretBox, SealedValueError } from "./secret-box.ts";

const secret = "a-node-secret-of-at-least-thirty-two-characters";

describe("secret box", () => {
  it("opens what it sealed, for any text and any binding", () => {
    const box = createSecretBox(secret, "fedify-queue-payload");
    fc.assert(
      fc.property(fc.string(), fc.string(), (plaintext, associated) => {
        expect(box.open(box.seal(plaintext, associated), associated)).toBe(plaintext);
      }),
    );
  });

  it("never shows the plaintext and never seals the same text twice alike", () => {
    const box = createSecretBox(secret, "actor-private-key");
    const jwk = JSON.stringify({ kty: "OKP", crv: "Ed25519", d: "private-part" });
    const first = box.seal(jwk);
    expect(first).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
    expect(first).not.toContain("private-part");
    expect(box.seal(jwk)).not.toBe(first);
  });

  it("refuses a ciphertext that was altered, moved to another row, or sealed for another purpose or secret", () => {
    const box = createSecretBox(secret, "actor-private-key");
    const sealed = box.seal("key material", "tenant-1/europe/rsa/row-1");
    const bytes = Buffer.from(sealed.slice(3), "base64url");
    for (const index of [0, 12, bytes.length - 1]) {
      const altered = Buffer.from(bytes);
      altered[index] = (altered[index] ?? 0) ^ 1;
      expect(() => box.open(`v1.${altered.toString("base64url")}`, "tenant-1/europe/rsa/row-1")).toThrow(
        SealedValueError,
      );
    }
    expect(() => box.open(sealed, "tenant-2/europe/rsa/row-1")).toThrow(SealedValueError);
    expect(() => createSecretBox(secret, "fedify-queue-payload").open(sealed, "tenant-1/europe/rsa/row-1")).toThrow(
      SealedValueError,
    );
    expect(() =>
      createSecretBox(`${secret}-rotated`, "actor-private-key").open(sealed, "tenant-1/europe/rsa/row-1"),
    ).toThrow(SealedValueError);
    expect(() => box.open("v2.abc")).toThrow(SealedValueError);
    expect(() => box.open("v1.abc")).toThrow(SealedValueError);
  });

  it("refuses a node secret shorter than 32 characters", () => {
    expect(() => createSecretBox("short", "actor-private-key")).toThrow(/at least 32/);
  });
});
