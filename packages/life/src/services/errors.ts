import type { DelegationRefusal, TransitionRefusal } from "../domain/edition.ts";
import type { DocumentRefusal } from "../domain/ipg-document.ts";
import type { HostRefusal } from "../domain/rotation.ts";

/** A field a request got wrong, with a code the catalogs translate (`life.invalid.{code}`). */
export interface FieldProblem {
  field: string;
  code: string;
}

/** What a network-life use-case can refuse, each mapped once to a problem (routes/respond.ts). */
export type LifeError =
  | { kind: "not-found" }
  | { kind: "forbidden" }
  | { kind: "invalid"; problems: FieldProblem[] }
  | { kind: "host-refused"; refusal: HostRefusal }
  | { kind: "delegation-refused"; refusal: DelegationRefusal }
  | { kind: "status-refused"; refusal: TransitionRefusal }
  | { kind: "document-refused"; refusal: DocumentRefusal }
  /** The ballots area could not open the IPG ballot (no peered region, an empty electorate). */
  | { kind: "ballot-not-opened"; reason: string }
  | { kind: "not-peered" }
  /** Another node's event whose organizer is not (or no longer) a peer of this node. */
  | { kind: "organizer-not-peered" };

export const invalid = (field: string, code: string): { ok: false; error: LifeError } => ({
  ok: false,
  error: { kind: "invalid", problems: [{ field, code }] },
});
