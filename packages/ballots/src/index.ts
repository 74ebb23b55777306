import "./events.ts";

export { ballotsArea, ballotsDeps } from "./area.ts";
export { createBallotRepo } from "./db/ballots.ts";
export { createReceivedVoteRepo } from "./db/received-votes.ts";
export type { Ballot, RosterPlatform } from "./domain/ballot.ts";
export { chainVotes, verifyChain } from "./domain/chain.ts";
export type { BallotId, VoteId } from "./domain/ids.ts";
export { COLLECTION_MS } from "./domain/reception.ts";
export { defaultBallotRules } from "./domain/rules.ts";
export { tallyBallot } from "./domain/tally.ts";
export { byProxy, makeVote, platform } from "./domain/test-fixtures.ts";
export { createBallotBox, type VoteRecord } from "./domain/vote.ts";
export type { BallotClosed } from "./events.ts";
export type { BallotError } from "./services/errors.ts";
export { type IpgQuestion, openIpgBallot } from "./services/questions.ts";
export { type Verification, verifyRollCall } from "./services/region-verify.ts";
export { BallotDocuments, type ResultPayload } from "./wire.ts";
