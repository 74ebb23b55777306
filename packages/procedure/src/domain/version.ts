import { type CanonicalValue, canonicalJson } from "@dynamo/core";
import type { RulesText } from "./text.ts";

export type HashFunction = (input: string) => string;

/**
 * A version of a text. Versions of one text form a hash chain: each names the hash of the one
 * before, so a region that keeps copies can check nothing was rewritten or skipped.
 */
export type VersionStatus = "draft" | "in-force" | "superseded";

export interface RulesVersion {
  textKey: string;
  number: number;
  status: VersionStatus;
  text: RulesText;
  /** When it came into force (null for a draft). */
  inForceSince: Date | null;
  /** The IPG ballot that adopted it (the first imported version has none). */
  ballotId: string | null;
  ballotUri: string | null;
  /** The amendments it applied, with their resolution notes if any. */
  amendmentIds: string[];
  previousHash: string | null;
  hash: string;
}

export type VersionContent = Omit<RulesVersion, "status" | "hash">;

/** The hash of a version: over its content and its predecessor's hash, canonical JSON. */
export function versionHash(content: VersionContent, hash: HashFunction): string {
  return hash(
    `dynamo-rules-version/1\n${canonicalJson({
      textKey: content.textKey,
      number: content.number,
      text: content.text as unknown as CanonicalValue,
      inForceSince: content.inForceSince,
      ballotUri: content.ballotUri,
      amendmentIds: content.amendmentIds,
      previousHash: content.previousHash,
    })}`,
  );
}

export type ChainProblem =
  | { kind: "hash-mismatch"; number: number }
  | { kind: "gap"; expected: number; got: number }
  | { kind: "previous-mismatch"; number: number };

/**
 * Checks a whole chain, oldest first: numbers 1, 2, …, each naming the one before's hash, each
 * hash its content's. A region checks every chain it receives before keeping any of it.
 */
export function checkChain(
  versions: readonly (VersionContent & { hash: string })[],
  hash: HashFunction,
): ChainProblem | undefined {
  let previous: string | null = null;
  for (const [index, version] of versions.entries()) {
    if (version.number !== index + 1) return { kind: "gap", expected: index + 1, got: version.number };
    if (version.previousHash !== previous) return { kind: "previous-mismatch", number: version.number };
    if (versionHash(version, hash) !== version.hash) return { kind: "hash-mismatch", number: version.number };
    previous = version.hash;
  }
  return undefined;
}
