/**
 * What the ballots tell other areas. `ballot.closed` is recorded at the hub in the transaction
 * that counts a ballot: an area that put a question to the IPG (an amendment of the rules of
 * procedure) learns its outcome from it, after commit, at least once.
 */
export interface BallotClosed {
  ballotId: string;
  /** The ballot's ActivityPub id, as the regions know it. */
  uri: string;
  outcome: "adopted" | "rejected" | "no-quorum";
  /** The options adopted (a yes/no ballot: ["yes"]). */
  adopted: string[];
  closedAt: string;
}

declare module "@dynamo/node" {
  interface EventRegistry {
    "ballot.closed": BallotClosed;
  }
}
