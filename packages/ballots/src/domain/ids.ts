import type { Brand } from "@dynamo/core";

export type { CountryCode } from "@dynamo/core";
export { compareCodeUnits } from "@dynamo/core";

/** An IPG ballot, issued by the hub. */
export type BallotId = Brand<string, "BallotId">;

/** One signed vote, as received by the hub (the id of the activity that carried it). */
export type VoteId = Brand<string, "VoteId">;
