import { err, type LocalizedText, ok, type Result, type Tenant } from "@dynamo/core";
import type { AreaKernel } from "@dynamo/node";
import { getLogger } from "@logtape/logtape";
import { ballotsDeps } from "../area.ts";
import type { BallotRules } from "../domain/rules.ts";
import { defaultBallotRules } from "../domain/rules.ts";
import type { BallotError } from "./errors.ts";
import { type Actor, cancelBallot, createBallot, openBallot } from "./hub-ballots.ts";

/** A question another area puts to the IPG: a yes/no motion unless it gives its own rules. */
export interface IpgQuestion {
  title: LocalizedText;
  description: LocalizedText;
  closesAt: Date;
  /** Defaults to now: the ballot opens at once. */
  opensAt?: Date;
  /** Defaults to one hour. */
  graceMs?: number;
  rules?: BallotRules;
}

/**
 * The ballots' entry point for other areas (an amendment of the rules of procedure, a regional
 * ROI): drafts and opens an IPG ballot at the hub in one step, as the secretariat would, and
 * answers its id and URI. Its outcome comes back as the `ballot.closed` event. A ballot that
 * cannot open (no peered region, an empty electorate) is cancelled, never left as a stray draft.
 */
export async function openIpgBallot(
  kernel: AreaKernel,
  tenant: Tenant,
  actor: Actor,
  question: IpgQuestion,
): Promise<Result<{ ballotId: string; uri: string }, BallotError>> {
  if (tenant.kind !== "hub") return err({ kind: "not-found" });
  const ctx = { ...ballotsDeps(kernel), tenant, logger: getLogger(["dynamo", "ballots"]) };
  const opensAt = question.opensAt ?? kernel.clock();
  const drafted = await createBallot(ctx, actor, {
    title: question.title,
    description: question.description,
    rules: question.rules ?? defaultBallotRules(),
    opensAt,
    closesAt: question.closesAt,
    graceMs: question.graceMs ?? 60 * 60_000,
  });
  if (!drafted.ok) return drafted;
  const opened = await openBallot(ctx, actor, drafted.value.id);
  if (!opened.ok) {
    await cancelBallot(ctx, actor, drafted.value.id, "could not open");
    return opened;
  }
  return ok({ ballotId: opened.value.id, uri: opened.value.uri });
}
