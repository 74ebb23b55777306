import type { Person } from "@dynamo/core";
/** A problem with one field of the input, named by a code the pages and the API translate. */
export interface FieldProblem {
  field: string;
  code: FieldCode;
  params?: Record<string, string | number>;
}

export type FieldCode =
  | "password.too-short"
  | "password.too-long"
  | "password.too-common"
  | "password.contains-email"
  | "password.wrong"
  | "email.invalid"
  | "name.invalid"
  | "locale.invalid"
  | "roles.none"
  | "roles.not-on-tenant"
  | "seat.needs-platform"
  | "seat.needs-representative"
  | "platform.unknown"
  | "country.invalid"
  | "names.none"
  | "date.invalid"
  | "status.reason-required"
  | "status.same";

export type ConflictReason =
  | "email-taken"
  | "country-taken"
  | "seat-taken"
  | "last-admin"
  /** Only a person who never joined may be deleted; others are disabled, their history kept. */
  | "not-pending"
  /** Nobody disables or deletes their own account. */
  | "self";

/** Every expected failure of the identity use-cases; routes map each to one problem. */
export type IdentityError =
  /** `alert`: this failure made the account's failures reach the level at which its owner is told. */
  | { kind: "invalid-credentials"; alert?: { person: Person; failures: number } }
  /** The right password of an account an administrator disabled: told only to whoever knows it. */
  | { kind: "account-disabled" }
  | { kind: "rate-limited"; retryAfterSeconds: number }
  | { kind: "invalid"; problems: FieldProblem[] }
  | { kind: "conflict"; reason: ConflictReason }
  | { kind: "not-found" }
  | { kind: "forbidden-role" }
  | { kind: "link-unknown" }
  | { kind: "link-expired" }
  | { kind: "link-used" };

export const invalid = (...problems: FieldProblem[]): IdentityError => ({ kind: "invalid", problems });
