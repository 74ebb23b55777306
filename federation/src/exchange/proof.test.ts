import { Multikey } from "@fedify/vocab";
import { describe, expect, it } from "vitest";
import { decodeBase58, encodeBase58, signJson, verifyJson } from "./proof.ts";

const keyPair = async () => (await crypto.subtle.generateKey("Ed25519", true, ["sign", "verify"])) as CryptoKeyPair;
const ACTOR = "https://europe.example/ap/actors/platform-be";
const vote = {
  "@context": "https://dynamo.network/ns/ballots/v1",
  kind: "dynamo-vote/1",
  id: `${ACTOR}/votes/1`,
  actor: ACTOR,
  ballot: "https://hub.example/ap/actors/hub/ballots/b1",
  platformId: "BE",
  choice: { kind: "options", optionIds: ["yes"] },
  castBy: { kind: "representative" },
  signedAt: "2026-06-02T10:00:00.000Z",
};

const refuse = async (url: string): Promise<never> => {
  throw new Error(`nothing is fetched here (${url})`);
};
/** Fedify's loaders, with the keys an actor publishes already in its key cache. */
function loadersWith(keys: Record<string, CryptoKey>) {
  return {
    documentLoader: refuse,
    contextLoader: refuse,
    keyCache: {
      get: async (id: URL) =>
        keys[id.href] && new Multikey({ id, controller: new URL(ACTOR), publicKey: keys[id.href] }),
      set: async () => {},
    },
  };
}

describe("signed documents (eddsa-jcs-2022): signed by us, verified by Fedify", () => {
  it("verify against the signer's key, whatever the order of the document's keys, and name the signer", async () => {
    const signer = await keyPair();
    const keyId = `${ACTOR}#multikey-2`;
    const signed = await signJson(vote, { privateKey: signer.privateKey, keyId }, new Date("2026-06-02T10:00:00Z"));
    expect(signed.proof).toMatchObject({
      type: "DataIntegrityProof",
      cryptosuite: "eddsa-jcs-2022",
      verificationMethod: keyId,
      created: "2026-06-02T10:00:00Z",
    });
    // Stored as JSON (jsonb reorders keys) and read back: still the same canonical document.
    const reordered = JSON.parse(JSON.stringify(Object.fromEntries(Object.entries(signed).reverse())));
    const verified = await verifyJson(reordered, loadersWith({ [keyId]: signer.publicKey }));
    expect(verified).toEqual({
      ok: true,
      value: { controller: ACTOR, keyId, created: new Date("2026-06-02T10:00:00Z") },
    });
  });

  it("refuse a document changed after it was signed, another key, a changed proof, or no proof", async () => {
    const signer = await keyPair();
    const other = await keyPair();
    const keyId = `${ACTOR}#multikey-2`;
    const signed = await signJson(vote, { privateKey: signer.privateKey, keyId }, new Date());
    const loaders = loadersWith({ [keyId]: signer.publicKey });
    const changed = { ...signed, choice: { kind: "options", optionIds: ["no"] } };
    expect(await verifyJson(changed, loaders)).toMatchObject({ ok: false, error: { kind: "bad-signature" } });
    expect(await verifyJson(signed, loadersWith({ [keyId]: other.publicKey }))).toMatchObject({
      ok: false,
      error: { kind: "bad-signature" },
    });
    expect(await verifyJson(signed, loadersWith({}))).toMatchObject({ ok: false, error: { kind: "unknown-key" } });
    const redated = { ...signed, proof: { ...signed.proof, created: "2020-01-01T00:00:00Z" } };
    expect(await verifyJson(redated, loaders)).toMatchObject({ ok: false, error: { kind: "bad-signature" } });
    // The same instant written another way is not what was signed.
    const respelled = { ...signed, proof: { ...signed.proof, created: signed.proof.created.replace("Z", ".000Z") } };
    expect(await verifyJson(respelled, loaders)).toMatchObject({ ok: false, error: { kind: "unsupported-proof" } });
    expect(await verifyJson(vote, loaders)).toEqual({ ok: false, error: { kind: "no-proof" } });
    expect(await verifyJson({ ...signed, proof: { ...signed.proof, cryptosuite: "rsa" } }, loaders)).toMatchObject({
      ok: false,
      error: { kind: "unsupported-proof" },
    });
  });

  it("encode base58 with the kept codec, round trip and leading zeros included", () => {
    const bytes = new Uint8Array([0, 0, 1, 2, 255, 128]);
    const text = encodeBase58(bytes);
    expect(text.startsWith("11")).toBe(true);
    expect(decodeBase58(text)).toEqual(bytes);
    expect(decodeBase58("0OIl")).toBeUndefined();
  });
});
