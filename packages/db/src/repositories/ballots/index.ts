export {
  type BallotMandate,
  type BallotRepo,
  createBallotRepo,
  listBallotsDue,
  type NewBallotRecord,
} from "./ballots.ts";
export { type CastVote, type CastVoteRepo, type CastVoteStatus, createCastVoteRepo } from "./cast-votes.ts";
export {
  createDelegationRepo,
  type DelegationRepo,
  type DelegationStatus,
  delegationOf,
  type StoredDelegation,
} from "./delegations.ts";
export {
  claimBallotActivities,
  isBallotActivityApplied,
  keepBallotActivity,
  markBallotActivityFailed,
  markBallotActivityProcessed,
  type PendingBallotActivity,
} from "./inbox.ts";
export {
  createReceivedVoteRepo,
  type NewReceivedVote,
  type ReceivedVote,
  type ReceivedVoteRepo,
} from "./received-votes.ts";
export { type Attestation, type BallotResultRepo, createBallotResultRepo, type StoredResult } from "./results.ts";
