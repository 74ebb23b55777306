import { displayNames, pickLocalized } from "@dynamo/core";
import {
  CsrfField,
  FormErrors,
  type FrameProps,
  formatDateTime,
  type MessageKey,
  Notice,
  PageFrame,
  ScrollRegion,
  type Translator,
} from "@dynamo/ui";
import type { Child } from "hono/jsx";
import type { CastVote } from "../db/cast-votes.ts";
import type { StoredResult } from "../db/results.ts";
import type { BallotPhase, BallotRecord } from "../domain/lifecycle.ts";
import { type BallotRules, optionIdsOf } from "../domain/rules.ts";
import type { VoteChoice } from "../domain/vote.ts";
import { type RollCallView, rollCallOf } from "../services/roll-call.ts";
import type { ResultPayload } from "../wire.ts";

export type Frame = Omit<FrameProps, "title" | "children">;

/** A platform named in the reader's language: "Belgium (BE)". */
export function platformNamer(locale: string): (code: string) => string {
  const names = displayNames(locale, { type: "region", fallback: "code" });
  return (code) => {
    const name = /^[A-Z]{2}$/.test(code) ? names.of(code) : undefined;
    return name === undefined || name === code ? code : `${name} (${code})`;
  };
}

export const phaseLabel = (t: Translator, phase: BallotPhase) => t(`ballots.phase.${phase}` as MessageKey);

/** An option's label in the reader's language: yes and no from the catalog, custom ones from the ballot. */
export function optionLabel(t: Translator, rules: BallotRules, optionId: string): string {
  if (rules.options.kind === "yes-no") return t(`ballots.option.${optionId}` as MessageKey);
  const option = rules.options.options.find((o) => o.id === optionId);
  return (option && pickLocalized(option.label, t.locale)) ?? optionId;
}

export function choiceLabel(t: Translator, rules: BallotRules, choice: VoteChoice): string {
  if (choice.kind === "abstain") return t("ballots.choice.abstain");
  if (choice.kind === "blank") return t("ballots.choice.blank");
  return choice.optionIds.map((id) => optionLabel(t, rules, id)).join(", ");
}

export function RulesSummary(props: { t: Translator; ballot: BallotRecord }) {
  const { t, ballot } = props;
  const { rules } = ballot;
  // The hub's own downtime near the close (a region knows it from the hub's Update of the ballot).
  const downtimeMs = ballot.reception !== null ? ballot.reception.downtimeMs : ballot.extensionMs;
  const majority =
    rules.majority.kind === "qualified"
      ? t("ballots.rules.qualified", {
          share: `${rules.majority.share.numerator}/${rules.majority.share.denominator}`,
        })
      : t(`ballots.rules.${rules.majority.kind}` as MessageKey);
  return (
    <dl>
      <dt>{t("ballots.field.closesAt")}</dt>
      <dd>{formatDateTime(t, ballot.closesAt)} UTC</dd>
      <dt>{t("ballots.field.majority")}</dt>
      <dd>{majority}</dd>
      <dt>{t("ballots.field.quorum")}</dt>
      <dd>
        {rules.quorum === null ? t("ballots.rules.noQuorum") : `${rules.quorum.numerator}/${rules.quorum.denominator}`}
      </dd>
      <dt>{t("ballots.field.secrecy")}</dt>
      <dd>{t(`ballots.secrecy.${rules.secrecy}` as MessageKey)}</dd>
      {downtimeMs > 0 && ballot.status === "open" && (
        <>
          <dt>{t("ballots.reception.until")}</dt>
          <dd class="notice" data-extended-until>
            {t("ballots.reception.extendedUntil", {
              until: `${formatDateTime(t, new Date(ballot.closesAt.getTime() + ballot.graceMs + downtimeMs))} UTC`,
            })}
          </dd>
        </>
      )}
    </dl>
  );
}

export function BallotListPage(props: {
  frame: Frame;
  ballots: { ballot: BallotRecord; phase: BallotPhase }[];
  canDraft: boolean;
}) {
  const { t } = props.frame;
  const open = props.ballots.filter((b) => b.phase !== "closed" && b.phase !== "cancelled");
  const past = props.ballots.filter((b) => b.phase === "closed" || b.phase === "cancelled");
  const list = (items: typeof props.ballots) =>
    items.length === 0 ? (
      <p class="muted">{t("ballots.list.empty")}</p>
    ) : (
      <ul>
        {items.map(({ ballot, phase }) => (
          <li>
            <a href={`/ballots/${ballot.id}`}>{pickLocalized(ballot.title, t.locale)}</a> — {phaseLabel(t, phase)} ·{" "}
            {t("ballots.list.closes", { at: formatDateTime(t, ballot.closesAt) })}
          </li>
        ))}
      </ul>
    );
  return (
    <PageFrame {...props.frame} title={t("ballots.list.title")}>
      <h1>{t("ballots.list.title")}</h1>
      {props.canDraft && (
        <p>
          <a class="button" href="/ballots/new">
            {t("ballots.draft.title")}
          </a>
        </p>
      )}
      <h2>{t("ballots.list.open")}</h2>
      {list(open)}
      <h2>{t("ballots.list.past")}</h2>
      {list(past)}
    </PageFrame>
  );
}

export function ResultSection(props: {
  t: Translator;
  ballot: BallotRecord;
  result: StoredResult | undefined;
  verification?: { verifiedBy: number; disputedBy: number; regions: number } | undefined;
}) {
  const { t, ballot, result } = props;
  if (result === undefined) return null;
  const publication = result.publication;
  const reception = publication.reception;
  return (
    <section aria-labelledby="result-heading">
      <h2 id="result-heading">{t("ballots.result.title")}</h2>
      <p>
        <strong>{t(`ballots.outcome.${publication.outcome}` as MessageKey)}</strong>
        {publication.adopted.length > 0 &&
          ` — ${publication.adopted.map((id) => optionLabel(t, ballot.rules, id)).join(", ")}`}
      </p>
      <ScrollRegion label={t("table.label", { title: t("ballots.result.title") })}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t("ballots.result.option")}</th>
              <th scope="col">{t("ballots.result.votes")}</th>
            </tr>
          </thead>
          <tbody>
            {publication.counts.map((count) => (
              <tr>
                <td>{optionLabel(t, ballot.rules, count.optionId)}</td>
                <td data-option={count.optionId}>{count.votes}</td>
              </tr>
            ))}
            <tr>
              <td>{t("ballots.choice.abstain")}</td>
              <td>{publication.abstentions}</td>
            </tr>
            <tr>
              <td>{t("ballots.choice.blank")}</td>
              <td>{publication.blanks}</td>
            </tr>
          </tbody>
        </table>
      </ScrollRegion>
      <p>
        {t("ballots.result.turnout", { counted: publication.votesCounted, electorate: publication.electorateSize })} ·{" "}
        {t(publication.quorumReached ? "ballots.result.quorumReached" : "ballots.result.quorumMissed")} ·{" "}
        {t(publication.majorityReached ? "ballots.result.majorityReached" : "ballots.result.majorityMissed")}
      </p>
      {props.verification !== undefined && (
        <p
          class={`notice ${props.verification.disputedBy > 0 ? "error" : ""}`}
          data-verified-by={props.verification.verifiedBy}
          data-disputed-by={props.verification.disputedBy}
        >
          {t("ballots.result.verifiedBy", { n: props.verification.verifiedBy, m: props.verification.regions })}
          {props.verification.disputedBy > 0 &&
            `, ${t("ballots.result.disputedBy", { k: props.verification.disputedBy })}`}
        </p>
      )}
      {reception !== null && reception.downtimeMs > 0 && (
        <p class="notice" data-downtime-ms={reception.downtimeMs}>
          {t("ballots.reception.extended", { minutes: Math.ceil(reception.downtimeMs / 60_000) })}
        </p>
      )}
      {reception !== null && reception.collectingSince !== null && (
        <p class="muted" data-answered={reception.answers.map((a) => a.regionCode).join(" ")}>
          {t("ballots.reception.answered", {
            answered:
              reception.answers.map((a) => t(`ballots.region.${a.regionCode}` as MessageKey)).join(", ") ||
              t("ballots.reception.none"),
            asked: reception.asked.length,
          })}
        </p>
      )}
      {result.verifiedAt !== null && (
        <p
          class={`notice ${result.agrees ? "success" : "error"}`}
          data-verification={result.agrees ? "agrees" : "disagrees"}
        >
          {result.agrees
            ? t("ballots.result.regionAgrees")
            : t("ballots.result.regionDisagrees", { problem: result.problem ?? "" })}
        </p>
      )}
      <RollCallTable t={t} ballot={ballot} publication={publication} />
      {publication.chainHead && (
        <p class="muted">
          <small>{t("ballots.result.chainHead", { head: publication.chainHead })}</small>
        </p>
      )}
      {publication.receiptsDigest && (
        <p class="muted">
          <small>{t("ballots.result.receiptsDigest", { digest: publication.receiptsDigest })}</small>
        </p>
      )}
    </section>
  );
}

/** Who cast a counted vote: representative, substitute, proxy holder, or the secretariat in the room. */
function castByText(t: Translator, line: RollCallView, platformName: (code: string) => string): string {
  if (line.castBy === null) return "";
  const by =
    line.castBy.kind === "proxy"
      ? t("ballots.rollCall.byProxy", { holder: platformName(line.castBy.holder) })
      : t(`ballots.castBy.${line.castBy.kind}` as MessageKey);
  return line.recordedBy === null ? by : `${by} — ${t("ballots.rollCall.inRoom", { name: line.recordedBy })}`;
}

/** The roll call of a roll-call ballot: every platform, its counted vote and who cast it. */
export function RollCallTable(props: { t: Translator; ballot: BallotRecord; publication: ResultPayload }) {
  const { t, ballot } = props;
  const lines = rollCallOf(ballot, props.publication);
  if (lines === undefined) return null;
  const platformName = platformNamer(t.locale);
  return (
    <ScrollRegion label={t("ballots.rollCall.title")}>
      <table data-roll-call>
        <caption>{t("ballots.rollCall.title")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("ballots.rollCall.platform")}</th>
            <th scope="col">{t("ballots.turnout.region")}</th>
            <th scope="col">{t("ballots.votes.choice")}</th>
            <th scope="col">{t("ballots.votes.by")}</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((line) => (
            <tr data-platform={line.platformId}>
              <td>{platformName(line.platformId)}</td>
              <td>{t(`ballots.region.${line.regionCode}` as MessageKey)}</td>
              <td>{line.choice === null ? t("ballots.rollCall.none") : choiceLabel(t, ballot.rules, line.choice)}</td>
              <td data-cast-by={line.castBy?.kind ?? ""}>{castByText(t, line, platformName)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

export function voteStatusText(t: Translator, vote: CastVote, replaced = false): string {
  if (replaced) return t("ballots.status.replaced");
  const status = t(`ballots.status.${vote.status}` as MessageKey);
  return vote.refusal === null ? status : `${status}: ${t(`ballots.refusal.${vote.refusal.kind}` as MessageKey)}`;
}

/**
 * The vote form: the options, abstain and blank. `onBehalfOf` names the platform whose vote a
 * proxy holder casts.
 */
export function VoteForm(props: {
  t: Translator;
  ballot: BallotRecord;
  csrfToken: string | undefined;
  heading: string;
  onBehalfOf?: string | undefined;
  hint?: string | undefined;
}) {
  const { t, ballot } = props;
  const options = optionIdsOf(ballot.rules.options);
  const multiple = ballot.rules.options.kind === "custom" && ballot.rules.options.choice.kind === "multiple";
  const type = multiple ? "checkbox" : "radio";
  const headingId = props.onBehalfOf === undefined ? "vote-heading" : `vote-heading-${props.onBehalfOf}`;
  return (
    <form method="post" action={`/ballots/${ballot.id}/vote`} aria-labelledby={headingId}>
      <h2 id={headingId}>{props.heading}</h2>
      <CsrfField token={props.csrfToken} />
      {props.onBehalfOf !== undefined && <input type="hidden" name="onBehalfOf" value={props.onBehalfOf} />}
      {props.hint !== undefined && <p>{props.hint}</p>}
      <fieldset>
        <legend>{t("ballots.vote.legend")}</legend>
        {options.map((id) => (
          <label>
            <input type={type} name="choice" value={`option:${id}`} /> {optionLabel(t, ballot.rules, id)}
          </label>
        ))}
        <label>
          <input type={type} name="choice" value="abstain" /> {t("ballots.choice.abstain")}
        </label>
        <label>
          <input type={type} name="choice" value="blank" /> {t("ballots.choice.blank")}
        </label>
      </fieldset>
      <p class="muted">{t("ballots.vote.hint")}</p>
      <button type="submit">{t("ballots.vote.submit")}</button>
    </form>
  );
}

/** The region's ballot page: the question, the vote form while open, the platform's votes, the result. */
export function RegionBallotPage(props: {
  frame: Frame;
  ballot: BallotRecord;
  phase: BallotPhase;
  votes: CastVote[];
  /** The votes a later one replaced (see replacedVotes). */
  replaced: ReadonlySet<string>;
  result: StoredResult | undefined;
  canVote: boolean;
  /** The proxy section (delegating, votes held by proxy), when the person holds a seat. */
  proxies?: Child;
  /** Names a platform (country code) in the reader's language. */
  platformName: (code: string) => string;
  notice?: string | undefined;
  error?: string | undefined;
}) {
  const { t } = props.frame;
  const { ballot } = props;
  return (
    <PageFrame {...props.frame} title={pickLocalized(ballot.title, t.locale) ?? ""}>
      <h1>{pickLocalized(ballot.title, t.locale)}</h1>
      <p>
        <strong data-phase={props.phase}>{phaseLabel(t, props.phase)}</strong>
      </p>
      <Notice text={props.notice} />
      <FormErrors t={t} errors={[]} message={props.error} />
      {pickLocalized(ballot.description, t.locale) && <p class="lead">{pickLocalized(ballot.description, t.locale)}</p>}
      {ballot.cancelReason && <p class="notice error">{t("ballots.cancelled", { reason: ballot.cancelReason })}</p>}
      <RulesSummary t={t} ballot={ballot} />
      {props.canVote && (
        <VoteForm t={t} ballot={ballot} csrfToken={props.frame.csrfToken} heading={t("ballots.vote.title")} />
      )}
      {props.proxies}
      {props.votes.length > 0 && (
        <section aria-labelledby="votes-heading">
          <h2 id="votes-heading">{t("ballots.votes.title")}</h2>
          <ScrollRegion label={t("table.label", { title: t("ballots.votes.title") })}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("ballots.votes.when")}</th>
                  <th scope="col">{t("ballots.votes.choice")}</th>
                  <th scope="col">{t("ballots.votes.by")}</th>
                  <th scope="col">{t("ballots.votes.status")}</th>
                </tr>
              </thead>
              <tbody>
                {props.votes.map((vote) => (
                  <tr>
                    <td>
                      <a href={`/ballots/${ballot.id}/votes/${vote.id}`}>{formatDateTime(t, vote.signedAt)}</a>
                    </td>
                    <td>{choiceLabel(t, ballot.rules, vote.choice)}</td>
                    <td>
                      {vote.personName}
                      {vote.proxyFor !== null &&
                        ` — ${t("ballots.proxy.forPlatform", { platform: props.platformName(vote.proxyFor) })}`}
                    </td>
                    <td data-status={props.replaced.has(vote.id) ? "replaced" : vote.status}>
                      {voteStatusText(t, vote, props.replaced.has(vote.id))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        </section>
      )}
      <ResultSection t={t} ballot={ballot} result={props.result} />
    </PageFrame>
  );
}

/** One vote and the hub's receipt. */
export function ReceiptPage(props: {
  frame: Frame;
  ballot: BallotRecord;
  vote: CastVote;
  /** Whether a later vote of the platform replaced this one. */
  replaced: boolean;
  platformName: (code: string) => string;
  notice?: string | undefined;
}) {
  const { t } = props.frame;
  const { vote, ballot } = props;
  return (
    <PageFrame {...props.frame} title={t("ballots.receipt.title")}>
      <h1>{t("ballots.receipt.title")}</h1>
      <Notice text={props.notice} />
      <p>
        <a href={`/ballots/${ballot.id}`}>{pickLocalized(ballot.title, t.locale)}</a>
      </p>
      <dl>
        <dt>{t("ballots.votes.choice")}</dt>
        <dd>{choiceLabel(t, ballot.rules, vote.choice)}</dd>
        <dt>{t("ballots.votes.by")}</dt>
        <dd>
          {vote.personName} ({t(`ballots.castBy.${vote.castBy.kind}` as MessageKey)})
          {vote.proxyFor !== null &&
            ` — ${t("ballots.proxy.forPlatform", { platform: props.platformName(vote.proxyFor) })}`}
        </dd>
        <dt>{t("ballots.votes.when")}</dt>
        <dd>{formatDateTime(t, vote.signedAt)} UTC</dd>
        <dt>{t("ballots.votes.status")}</dt>
        <dd data-status={props.replaced ? "replaced" : vote.status}>{voteStatusText(t, vote, props.replaced)}</dd>
        {vote.hubReceivedAt && (
          <>
            <dt>{t("ballots.receipt.received")}</dt>
            <dd>{formatDateTime(t, vote.hubReceivedAt)} UTC</dd>
          </>
        )}
        {vote.receipt && (
          <>
            <dt>{t("ballots.receipt.hash")}</dt>
            <dd>
              <code data-receipt>{vote.receipt}</code>
            </dd>
          </>
        )}
      </dl>
      {vote.status === "queued" && <p class="muted">{t("ballots.receipt.queued")}</p>}
    </PageFrame>
  );
}
