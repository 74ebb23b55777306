import { describe, expect, it } from "vitest";
import { proofOf, signWithKey, verifyWithKey } from "./vote-proof.ts";

const keyPair = async () => (await crypto.subtle.generateKey("Ed25519", true, ["sign", "verify"])) as CryptoKeyPair;
const vote = {
  "@context": "https://dynamo.network/ns/ballots/v1",
  kind: "dynamo-vote/1",
  id: "https://europe.example/ap/actors/platform-be/votes/1",
  actor: "https://europe.example/ap/actors/platform-be",
  ballot: "https://hub.example/ap/actors/hub/ballots/b1",
  platformId: "BE",
  choice: { kind: "options", optionIds: ["yes"] },
  castBy: { kind: "representative" },
  signedAt: "2026-06-02T10:00:00.000Z",
};

describe("signed votes (eddsa-jcs-2022)", () => {
  it("verify against the signer's key whatever the order of their keys, and only that key", async () => {
    const signer = await keyPair();
    const other = await keyPair();
    const signed = await signWithKey(
      vote,
      { privateKey: signer.privateKey, keyId: `${vote.actor}#multikey-2` },
      new Date("2026-06-02T10:00:00Z"),
    );
    expect(proofOf(signed)).toMatchObject({
      type: "DataIntegrityProof",
      cryptosuite: "eddsa-jcs-2022",
      verificationMethod: `${vote.actor}#multikey-2`,
      created: "2026-06-02T10:00:00.000Z",
    });
    // Stored as JSON (jsonb reorders keys) and read back: still the same canonical document.
    const reordered = JSON.parse(JSON.stringify(Object.fromEntries(Object.entries(signed).reverse())));
    expect(await verifyWithKey(reordered, signer.publicKey)).toBe(true);
    expect(await verifyWithKey(signed, other.publicKey)).toBe(false);
  });

  it("refuse a vote changed after it was signed, a changed proof, or no proof", async () => {
    const signer = await keyPair();
    const signed = await signWithKey(vote, { privateKey: signer.privateKey, keyId: "k" }, new Date());
    expect(await verifyWithKey({ ...signed, choice: { kind: "options", optionIds: ["no"] } }, signer.publicKey)).toBe(
      false,
    );
    expect(
      await verifyWithKey({ ...signed, proof: { ...signed.proof, created: "2020-01-01T00:00:00Z" } }, signer.publicKey),
    ).toBe(false);
    expect(await verifyWithKey(vote, signer.publicKey)).toBe(false);
    expect(proofOf({ ...signed, proof: { ...signed.proof, cryptosuite: "rsa" } })).toBeUndefined();
  });
});
