import { LOCALES, type Locale, pickLocalized } from "@dynamo/core";
import {
  CsrfField,
  type FieldErrorView,
  FormErrors,
  formatDateTime,
  type MessageKey,
  Notice,
  PageFrame,
  ScrollRegion,
  TextField,
  type Translator,
} from "@dynamo/ui";
import type { Attestation, StoredResult } from "../db/results.ts";
import type { BallotPhase, BallotRecord } from "../domain/lifecycle.ts";
import { optionIdsOf } from "../domain/rules.ts";
import type { LateVote } from "../services/hub-ballots.ts";
import { type Frame, optionLabel, phaseLabel, platformNamer, ResultSection, RulesSummary } from "./views.tsx";

export interface DraftFormValues {
  title: Partial<Record<Locale, string>>;
  description: Partial<Record<Locale, string>>;
  majority: string;
  quorum: string;
  secrecy: string;
  opensAt: string;
  closesAt: string;
  graceMinutes: string;
  /** Custom options, one per line, per language (empty: yes / no). */
  options: Partial<Record<Locale, string>>;
  choice: string;
  maxChoices: string;
  maxProxiesPerHolder: string;
  substitutesAllowed: boolean;
}

export function DraftBallotPage(props: { frame: Frame; values: DraftFormValues; errors?: FieldErrorView[] }) {
  const { t } = props.frame;
  const select = (name: string, value: string, options: [string, string][]) => (
    <div>
      <label for={`field-${name}`}>{t(`ballots.field.${name}` as MessageKey)}</label>
      <select id={`field-${name}`} name={name}>
        {options.map(([v, label]) => (
          <option value={v} selected={v === value}>
            {label}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <PageFrame {...props.frame} title={t("ballots.draft.title")}>
      <h1>{t("ballots.draft.title")}</h1>
      <FormErrors t={t} errors={props.errors} />
      <form method="post" action="/ballots">
        <CsrfField token={props.frame.csrfToken} />
        {LOCALES.map((locale) => (
          <TextField
            name={`title.${locale}`}
            label={t("ballots.field.title", { language: t(`ballots.language.${locale}` as MessageKey) })}
            value={props.values.title[locale]}
            errors={props.errors}
          />
        ))}
        {LOCALES.map((locale) => (
          <div>
            <label for={`field-description-${locale}`}>
              {t("ballots.field.description", { language: t(`ballots.language.${locale}` as MessageKey) })}
            </label>
            <textarea id={`field-description-${locale}`} name={`description.${locale}`} rows={3}>
              {props.values.description[locale] ?? ""}
            </textarea>
          </div>
        ))}
        {LOCALES.map((locale) => (
          <div>
            <label for={`field-options-${locale}`}>
              {t("ballots.field.options", { language: t(`ballots.language.${locale}` as MessageKey) })}
            </label>
            <textarea
              id={`field-options-${locale}`}
              name={`options.${locale}`}
              rows={3}
              aria-describedby="options-hint"
            >
              {props.values.options[locale] ?? ""}
            </textarea>
          </div>
        ))}
        <p id="options-hint" class="muted">
          <small>{t("ballots.field.optionsHint")}</small>
        </p>
        {select("choice", props.values.choice, [
          ["single", t("ballots.draft.single")],
          ["multiple", t("ballots.draft.multiple")],
        ])}
        <TextField
          name="maxChoices"
          type="number"
          label={t("ballots.field.maxChoices")}
          value={props.values.maxChoices}
          errors={props.errors}
        />
        {select("majority", props.values.majority, [
          ["simple", t("ballots.rules.simple")],
          ["absolute", t("ballots.rules.absolute")],
          ["two-thirds", t("ballots.rules.qualified", { share: "2/3" })],
        ])}
        {select("quorum", props.values.quorum, [
          ["none", t("ballots.rules.noQuorum")],
          ["half", "1/2"],
          ["two-thirds", "2/3"],
        ])}
        {select("secrecy", props.values.secrecy, [
          ["roll-call", t("ballots.secrecy.roll-call")],
          ["secret", t("ballots.secrecy.secret")],
        ])}
        <TextField
          name="maxProxiesPerHolder"
          type="number"
          label={t("ballots.field.maxProxiesPerHolder")}
          hint={t("ballots.field.maxProxiesHint")}
          value={props.values.maxProxiesPerHolder}
          errors={props.errors}
        />
        <div>
          <label>
            <input type="checkbox" name="substitutesAllowed" value="yes" checked={props.values.substitutesAllowed} />{" "}
            {t("ballots.field.substitutesAllowed")}
          </label>
        </div>
        <TextField
          name="opensAt"
          type="datetime-local"
          label={`${t("ballots.field.opensAt")} (UTC)`}
          value={props.values.opensAt}
          errors={props.errors}
        />
        <TextField
          name="closesAt"
          type="datetime-local"
          label={`${t("ballots.field.closesAt")} (UTC)`}
          value={props.values.closesAt}
          errors={props.errors}
        />
        <TextField
          name="graceMinutes"
          type="number"
          label={t("ballots.field.graceMinutes")}
          hint={t("ballots.field.graceHint")}
          value={props.values.graceMinutes}
          errors={props.errors}
        />
        <button type="submit">{t("ballots.draft.submit")}</button>
      </form>
    </PageFrame>
  );
}

/** A region's reason for disputing a result, in the reader's language ("missing-vote:FR,BE" names platforms). */
function disputeText(t: Translator, problem: string | null): string {
  if (problem?.startsWith("missing-vote:")) {
    const platforms = problem.slice("missing-vote:".length).split(",");
    const name = platformNamer(t.locale);
    return t("ballots.disputes.missingVote", { platforms: platforms.map(name).join(", ") });
  }
  return t("ballots.disputes.problem", { problem: problem ?? "" });
}

/** The hub's ballot page: its state, opening and cancelling, live turnout, in-room votes, the result. */
export function HubBallotPage(props: {
  frame: Frame;
  ballot: BallotRecord;
  phase: BallotPhase;
  turnout: { regionCode: string; voted: number; electorate: number }[];
  result: StoredResult | undefined;
  verifiedBy: number;
  regions: number;
  /** The regions that disagree with the result, and why, with their evidence. */
  disputes: readonly Attestation[];
  /** Votes refused because they arrived after the reception deadline. */
  lateVotes: readonly LateVote[];
  canManage: boolean;
  canRecord: boolean;
  /** The mandates in force: which platform holds which platform's vote. */
  mandates: readonly { platformId: string; holder: string }[];
  /** A draft: who would vote if it opened now. */
  preview?: { electorate: { platformId: string; regionCode: string }[]; conflicts: string[] } | undefined;
  notice?: string | undefined;
  error?: string | undefined;
}) {
  const { t } = props.frame;
  const { ballot, preview } = props;
  const platformName = platformNamer(t.locale);
  const ended = ballot.status === "closed" || ballot.status === "cancelled";
  return (
    <PageFrame {...props.frame} title={pickLocalized(ballot.title, t.locale) ?? ""}>
      <h1>{pickLocalized(ballot.title, t.locale)}</h1>
      <p>
        <strong data-phase={props.phase}>{phaseLabel(t, props.phase)}</strong>
      </p>
      <Notice text={props.notice} />
      <FormErrors t={t} errors={[]} message={props.error} />
      {ballot.cancelReason && <p class="notice error">{t("ballots.cancelled", { reason: ballot.cancelReason })}</p>}
      <RulesSummary t={t} ballot={ballot} />
      {preview !== undefined && (
        <section aria-labelledby="preview-heading" data-preview={preview.electorate.length}>
          <h2 id="preview-heading">{t("ballots.preview.title")}</h2>
          <p>{t.plural("ballots.preview.count", preview.electorate.length)}</p>
          <ul>
            {[...new Set(preview.electorate.map((m) => m.regionCode))].map((region) => (
              <li>
                {t(`ballots.region.${region}` as MessageKey)}:{" "}
                {preview.electorate
                  .filter((m) => m.regionCode === region)
                  .map((m) => m.platformId)
                  .join(", ")}
              </li>
            ))}
          </ul>
          {preview.conflicts.length > 0 && (
            <p class="notice error">{t("ballots.preview.conflicts", { platforms: preview.conflicts.join(", ") })}</p>
          )}
        </section>
      )}
      {props.canManage && ballot.status === "draft" && (
        <form method="post" action={`/ballots/${ballot.id}/open`}>
          <CsrfField token={props.frame.csrfToken} />
          <p class="muted">{t("ballots.open.hint")}</p>
          <button type="submit">{t("ballots.open.submit")}</button>
        </form>
      )}
      {props.canManage && !ended && (
        <form method="post" action={`/ballots/${ballot.id}/cancel`}>
          <CsrfField token={props.frame.csrfToken} />
          <TextField name="reason" label={t("ballots.cancel.reason")} required />
          <button type="submit">{t("ballots.cancel.submit")}</button>
        </form>
      )}
      {ballot.electorate !== null && (
        <section aria-labelledby="turnout-heading">
          <h2 id="turnout-heading">{t("ballots.turnout.title")}</h2>
          <ScrollRegion label={t("table.label", { title: t("ballots.turnout.title") })}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("ballots.turnout.region")}</th>
                  <th scope="col">{t("ballots.turnout.voted")}</th>
                </tr>
              </thead>
              <tbody>
                {props.turnout.map((row) => (
                  <tr>
                    <td>{t(`ballots.region.${row.regionCode}` as MessageKey)}</td>
                    <td data-region={row.regionCode}>
                      {row.voted} / {row.electorate}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
          {props.mandates.length > 0 && (
            <>
              <h3>{t("ballots.proxy.inForce")}</h3>
              <ul data-mandates>
                {props.mandates.map((m) => (
                  <li>
                    {t("ballots.proxy.inForceItem", {
                      holder: platformName(m.holder),
                      platform: platformName(m.platformId),
                    })}
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}
      {props.canRecord && ballot.status === "open" && (
        <form method="post" action={`/ballots/${ballot.id}/in-room`} aria-labelledby="in-room-heading">
          <h2 id="in-room-heading">{t("ballots.inRoom.title")}</h2>
          <CsrfField token={props.frame.csrfToken} />
          <div>
            <label for="field-platform">{t("ballots.inRoom.platform")}</label>
            <select id="field-platform" name="platformId">
              {(ballot.electorate ?? []).map((m) => (
                <option value={m.platformId}>
                  {platformName(m.platformId)} — {t(`ballots.region.${m.regionCode}` as MessageKey)}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label for="field-castBy">{t("ballots.inRoom.castBy")}</label>
            <select id="field-castBy" name="castBy">
              <option value="representative">{t("ballots.castBy.representative")}</option>
              {ballot.rules.substitutesAllowed && <option value="substitute">{t("ballots.castBy.substitute")}</option>}
              {ballot.rules.maxProxiesPerHolder > 0 &&
                (ballot.electorate ?? []).map((m) => (
                  <option value={`proxy:${m.platformId}`}>
                    {t("ballots.rollCall.byProxy", { holder: platformName(m.platformId) })}
                  </option>
                ))}
            </select>
          </div>
          <div>
            <label for="field-choice">{t("ballots.votes.choice")}</label>
            <select id="field-choice" name="choice">
              {optionIdsOf(ballot.rules.options).map((id) => (
                <option value={`option:${id}`}>{optionLabel(t, ballot.rules, id)}</option>
              ))}
              <option value="abstain">{t("ballots.choice.abstain")}</option>
              <option value="blank">{t("ballots.choice.blank")}</option>
            </select>
          </div>
          <button type="submit">{t("ballots.inRoom.submit")}</button>
        </form>
      )}
      <ResultSection
        t={t}
        ballot={ballot}
        result={props.result}
        verification={{ verifiedBy: props.verifiedBy, disputedBy: props.disputes.length, regions: props.regions }}
      />
      {props.disputes.length > 0 && (
        <section aria-labelledby="disputes-heading" data-disputes={props.disputes.length}>
          <h2 id="disputes-heading">{t("ballots.disputes.title")}</h2>
          <ul>
            {props.disputes.map((d) => (
              <li data-dispute={d.regionCode}>
                <strong>{t(`ballots.region.${d.regionCode}` as MessageKey)}</strong>: {disputeText(t, d.problem)} (
                {formatDateTime(t, d.receivedAt)} UTC)
                {d.evidence.length > 0 && (
                  <details>
                    <summary>{t.plural("ballots.disputes.evidence", d.evidence.length)}</summary>
                    <ul>
                      {d.evidence.map((vote) => (
                        <li>
                          <code>{String(vote.id ?? "")}</code> —{" "}
                          {t("ballots.disputes.signedAt", { at: String(vote.signedAt ?? "") })}
                        </li>
                      ))}
                    </ul>
                  </details>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
      {props.lateVotes.length > 0 && (
        <section aria-labelledby="late-heading" data-late-votes={props.lateVotes.length}>
          <h2 id="late-heading">{t("ballots.late.title")}</h2>
          <ScrollRegion label={t("table.label", { title: t("ballots.late.title") })}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("ballots.late.platform")}</th>
                  <th scope="col">{t("ballots.turnout.region")}</th>
                  <th scope="col">{t("ballots.late.signed")}</th>
                  <th scope="col">{t("ballots.late.received")}</th>
                </tr>
              </thead>
              <tbody>
                {props.lateVotes.map((v) => (
                  <tr data-late-vote={v.platformId}>
                    <td>{platformName(v.platformId)}</td>
                    <td>{v.regionCode ? t(`ballots.region.${v.regionCode}` as MessageKey) : ""}</td>
                    <td>{formatDateTime(t, v.signedAt)} UTC</td>
                    <td>{formatDateTime(t, v.receivedAt)} UTC</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        </section>
      )}
    </PageFrame>
  );
}
