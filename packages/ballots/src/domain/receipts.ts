import { canonicalVote } from "./canonical-vote.ts";
import type { HashFunction } from "./chain.ts";
import { type BallotId, compareCodeUnits } from "./ids.ts";
import type { VoteRecord } from "./vote.ts";

/**
 * The receipt of a vote in a secret ballot: a hash of the vote's canonical text and of a nonce
 * only the voter and the hub know (randomness is the caller's: pass a fresh random nonce per
 * vote). Without the nonce, the receipt does not tell how anyone voted.
 */
export function voteReceipt(vote: VoteRecord, nonce: string, hash: HashFunction): string {
  return hash(`dynamo-vote-receipt/1\n${nonce}\n${canonicalVote(vote)}`);
}

/** What a secret ballot publishes besides its counts: the sorted receipts and their digest. */
export interface ReceiptList {
  ballotId: BallotId;
  receipts: string[];
  digest: string;
}

function receiptsDigest(ballotId: BallotId, sorted: readonly string[], hash: HashFunction): string {
  return hash(`dynamo-receipts/1\n${ballotId}\n${sorted.join("\n")}`);
}

/** The published list of the counted votes' receipts: sorted and each once, so it says nothing of the order of voting. */
export function publishReceipts(ballotId: BallotId, receipts: Iterable<string>, hash: HashFunction): ReceiptList {
  const sorted = [...new Set(receipts)].sort(compareCodeUnits);
  return { ballotId, receipts: sorted, digest: receiptsDigest(ballotId, sorted, hash) };
}

/** Whether a published list is sorted, without repeats, and matches its digest. */
export function verifyReceipts(list: ReceiptList, hash: HashFunction): boolean {
  for (let i = 1; i < list.receipts.length; i += 1) {
    if (compareCodeUnits(list.receipts[i - 1] ?? "", list.receipts[i] ?? "") >= 0) return false;
  }
  return list.digest === receiptsDigest(list.ballotId, list.receipts, hash);
}

/** Whether a voter's receipt is in the published list (binary search: the list is sorted). */
export function includesReceipt(list: ReceiptList, receipt: string): boolean {
  let low = 0;
  let high = list.receipts.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const order = compareCodeUnits(list.receipts[middle] ?? "", receipt);
    if (order === 0) return true;
    if (order < 0) low = middle + 1;
    else high = middle - 1;
  }
  return false;
}
