export {
  type BallotRecipients,
  type BallotsFederation,
  ballotActivityHandler,
  createBallotsFederation,
  platformOfActorUri,
} from "./network.ts";
export { proofOf, signWithKey, type VoteProof, type VoteProofFailure, verifyWithKey } from "./vote-proof.ts";
export {
  BALLOT_MEDIA_TYPE,
  type BallotWireActivity,
  type BallotWireObject,
  parseBallotActivity,
  type ReadFailure,
} from "./wire.ts";
