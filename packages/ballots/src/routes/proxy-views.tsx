import { CsrfField, formatDateTime, type MessageKey, ScrollRegion, type Translator } from "@dynamo/ui";
import type { StoredDelegation } from "../db/delegations.ts";
import type { BallotMandate } from "../db/schema.ts";
import type { BallotRecord } from "../domain/lifecycle.ts";
import { VoteForm } from "./views.tsx";

function delegationStatus(t: Translator, delegation: StoredDelegation): string {
  const status = t(`ballots.proxy.status.${delegation.status}` as MessageKey);
  return delegation.refusal === null
    ? status
    : `${status}: ${t(`ballots.refusal.${delegation.refusal.kind}` as MessageKey)}`;
}

/**
 * A platform's proxy on the region's ballot page: its delegation (give, change, withdraw) and
 * what became of it, the votes it holds for other platforms with a vote form each, and the
 * mandates in force across the network.
 */
export function ProxySection(props: {
  t: Translator;
  ballot: BallotRecord;
  csrfToken: string | undefined;
  platformCode: string;
  mandates: readonly BallotMandate[];
  delegations: readonly StoredDelegation[];
  canAct: boolean;
  platformName: (code: string) => string;
}) {
  const { t, ballot, platformCode, platformName } = props;
  const cap = ballot.rules.maxProxiesPerHolder;
  const mine = props.mandates.find((m) => m.platformId === platformCode);
  const held = props.mandates.filter((m) => m.holder === platformCode);
  const candidates = (ballot.electorate ?? [])
    .map((m) => m.platformId as string)
    .filter((code) => code !== platformCode)
    .sort((a, b) => platformName(a).localeCompare(platformName(b), t.locale));
  return (
    <>
      <section aria-labelledby="proxy-heading" data-proxy>
        <h2 id="proxy-heading">{t("ballots.proxy.title")}</h2>
        {cap === 0 ? (
          <p class="muted">{t("ballots.proxy.notAllowed")}</p>
        ) : (
          <>
            {props.canAct && <p>{`${t("ballots.proxy.intro")} ${t.plural("ballots.proxy.cap", cap)}`}</p>}
            <p data-mandate={mine?.holder ?? ""}>
              {mine === undefined
                ? t("ballots.proxy.none")
                : t("ballots.proxy.current", { holder: platformName(mine.holder) })}
            </p>
            {props.canAct && (
              <form method="post" action={`/ballots/${ballot.id}/proxy`}>
                <CsrfField token={props.csrfToken} />
                <input type="hidden" name="intent" value="give" />
                <label>
                  {t("ballots.proxy.holder")}{" "}
                  <select name="holder" required>
                    {/* Nothing chosen until the representative chooses: no platform by default. */}
                    <option value="" selected={mine === undefined}>
                      {t("ballots.proxy.choose")}
                    </option>
                    {candidates.map((code) => (
                      <option value={code} selected={code === mine?.holder}>
                        {platformName(code)}
                      </option>
                    ))}
                  </select>
                </label>
                <p>
                  <label>
                    <input type="checkbox" name="confirm" value="yes" required /> {t("ballots.proxy.confirm")}
                  </label>
                </p>
                <button type="submit">{t("ballots.proxy.submit")}</button>
              </form>
            )}
            {props.canAct && mine !== undefined && (
              <form method="post" action={`/ballots/${ballot.id}/proxy`}>
                <CsrfField token={props.csrfToken} />
                <input type="hidden" name="intent" value="withdraw" />
                <input type="hidden" name="holder" value="" />
                <button type="submit" class="secondary">
                  {t("ballots.proxy.withdraw")}
                </button>
              </form>
            )}
          </>
        )}
        {props.delegations.length > 0 && (
          <ScrollRegion label={t("ballots.proxy.history")}>
            <table>
              <caption>{t("ballots.proxy.history")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("ballots.votes.when")}</th>
                  <th scope="col">{t("ballots.proxy.to")}</th>
                  <th scope="col">{t("ballots.votes.by")}</th>
                  <th scope="col">{t("ballots.votes.status")}</th>
                </tr>
              </thead>
              <tbody>
                {props.delegations.map((d) => (
                  <tr>
                    <td>{formatDateTime(t, d.signedAt)}</td>
                    <td>{d.holder === null ? t("ballots.proxy.nobody") : platformName(d.holder)}</td>
                    <td>{d.personName}</td>
                    <td data-delegation-status={d.status}>{delegationStatus(t, d)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
      </section>
      {held.length > 0 && (
        <section aria-labelledby="held-heading" data-held>
          <h2 id="held-heading">{t("ballots.proxy.held.title")}</h2>
          {props.canAct ? (
            held.map((m) => (
              <VoteForm
                t={t}
                ballot={ballot}
                csrfToken={props.csrfToken}
                heading={t("ballots.proxy.held.vote", { platform: platformName(m.platformId) })}
                hint={t("ballots.proxy.held.hint", { platform: platformName(m.platformId) })}
                onBehalfOf={m.platformId}
              />
            ))
          ) : (
            <ul>
              {held.map((m) => (
                <li>{platformName(m.platformId)}</li>
              ))}
            </ul>
          )}
        </section>
      )}
      {props.mandates.length > 0 && (
        <section aria-labelledby="mandates-heading">
          <h3 id="mandates-heading">{t("ballots.proxy.inForce")}</h3>
          <ul>
            {props.mandates.map((m) => (
              <li>
                {t("ballots.proxy.inForceItem", {
                  holder: platformName(m.holder),
                  platform: platformName(m.platformId),
                })}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
