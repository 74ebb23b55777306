import type { HomeContribution, HomeViewer } from "@dynamo/node";
import type { MessageKey } from "@dynamo/ui";

/**
 * The identity area's part of a person's home: when the site is shown in a language they chose
 * before logging in that is not their account's, it offers to save it (on their profile).
 */
export async function identityHomeItems(viewer: HomeViewer): Promise<HomeContribution> {
  const { t, person, locale } = viewer;
  if (locale === person.locale || !viewer.may("profile.update")) return { items: [], watches: [] };
  const chosen = t(`lang.${locale}` as MessageKey);
  return {
    items: [
      {
        when: "now",
        title: t("identity.home.language", { chosen, account: t(`lang.${person.locale}` as MessageKey) }),
        href: "/me#language-offer",
        action: t("identity.profile.offer.save", { chosen }),
      },
    ],
    watches: [],
  };
}
