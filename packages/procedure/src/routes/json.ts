import type { Locale } from "@dynamo/core";
import { numberArticles, romanNumeral, wordingFor } from "../domain/text.ts";
import type { RulesVersion } from "../domain/version.ts";
import type { AmendmentDetail, AmendmentView } from "../services/amendment-views.ts";
import { operationDiffs } from "../services/amendment-views.ts";

/** A version as the API gives it: numbered, each article's wording in every language and as shown to the reader. */
export function versionJson(version: RulesVersion, locale: Locale) {
  const places = numberArticles(version.text);
  return {
    textKey: version.textKey,
    number: version.number,
    status: version.status,
    inForceSince: version.inForceSince?.toISOString() ?? null,
    ballotId: version.ballotId,
    ballotUri: version.ballotUri,
    amendmentIds: version.amendmentIds,
    previousHash: version.previousHash,
    hash: version.hash,
    title: version.text.title,
    sections: version.text.sections.map((section, index) => ({
      id: section.id,
      number: romanNumeral(index + 1),
      title: section.title,
      articles: places
        .filter((p) => p.section.id === section.id)
        .map((p) => ({
          id: p.article.id,
          number: p.number,
          wording: p.article.wording,
          shown: wordingFor(p.article.wording, locale) ?? null,
        })),
    })),
  };
}

export function versionSummaryJson(version: RulesVersion) {
  return {
    textKey: version.textKey,
    number: version.number,
    status: version.status,
    inForceSince: version.inForceSince?.toISOString() ?? null,
    ballotId: version.ballotId,
    ballotUri: version.ballotUri,
    hash: version.hash,
  };
}

export function amendmentJson(view: AmendmentView) {
  const a = view.amendment;
  return {
    id: a.id,
    textKey: a.textKey,
    baseVersion: a.baseVersion,
    operations: a.operations,
    rationale: a.rationale,
    state: a.state,
    reason: a.reason,
    ballotId: a.ballotId,
    ballotUri: a.ballotUri,
    author: a.author,
    revision: a.revision,
    appliedVersion: a.appliedVersion,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
    stale: view.stale,
    conflictsWith: view.conflictsWith,
  };
}

export function amendmentDetailJson(detail: AmendmentDetail, locale: Locale) {
  return {
    ...amendmentJson(detail),
    diff: detail.base === undefined ? [] : operationDiffs(detail.base.text, detail.amendment.operations, locale),
    currentVersion: detail.current?.number ?? null,
    /** When stale: the wording in force now of each article it touches, beside the author's. */
    inForceNow:
      detail.stale && detail.current !== undefined
        ? detail.amendment.operations.map((op) => {
            const id = op.op === "insert" ? op.article.id : op.articleId;
            return {
              articleId: id,
              wording:
                numberArticles(detail.current?.text ?? { title: {}, sections: [] }).find((p) => p.article.id === id)
                  ?.article.wording ?? null,
            };
          })
        : null,
  };
}
