import { type Action, type Locale, may, type Person, type Policy, type Principal, type Tenant } from "@dynamo/core";
import type { Translator } from "@dynamo/ui";

/** The signed-in person a home page is for, with what an area needs to find what awaits them. */
export interface HomeViewer {
  tenant: Tenant;
  person: Person;
  principal: Principal;
  locale: Locale;
  t: Translator;
  now: Date;
  /** Whether the node's policy lets this person take an action here: an item never leads to a refusal. */
  may(action: Action): boolean;
}

/** One thing on a person's home page, one tap from where it is done. Texts are already translated. */
export interface HomeItem {
  /** "now": awaited from this person; "next": what comes (an edition, a meeting, a ballot to come). */
  when: "now" | "next";
  title: string;
  detail?: string | undefined;
  /** When it is due (or happens); items are shown soonest first. */
  due?: Date | undefined;
  /** The page where it is done, relative to the tenant's host. */
  href: string;
  /** The link's words: what the person does there ("Vote", "Write the section"). */
  action: string;
  /** Late or failing: shown first and marked. */
  urgent?: boolean | undefined;
}

/** What one area puts on a person's home page. */
export interface HomeContribution {
  items: readonly HomeItem[];
  /**
   * What this area would list for this person, translated ("ballots open to your platform"):
   * the empty home page says what will appear there. Empty when the area has nothing for them.
   */
  watches: readonly string[];
}

/** An area's home contribution, as the node calls it: a function of the viewer only. */
export type HomeItemsSource = (viewer: HomeViewer) => Promise<HomeContribution>;

export interface HomeContent {
  now: HomeItem[];
  next: HomeItem[];
  watches: string[];
}

/** Puts the areas' contributions together: urgent first, then soonest due, undated last. */
export async function collectHome(sources: readonly HomeItemsSource[], viewer: HomeViewer): Promise<HomeContent> {
  const contributions = await Promise.all(sources.map((source) => source(viewer)));
  const items = contributions.flatMap((c) => c.items);
  const order = (a: HomeItem, b: HomeItem) =>
    Number(b.urgent ?? false) - Number(a.urgent ?? false) ||
    (a.due?.getTime() ?? Number.POSITIVE_INFINITY) - (b.due?.getTime() ?? Number.POSITIVE_INFINITY);
  return {
    now: items.filter((i) => i.when === "now").sort(order),
    next: items.filter((i) => i.when === "next").sort(order),
    watches: contributions.flatMap((c) => c.watches),
  };
}

/** The viewer of a request, bound to the node's policy. */
export function homeViewer(input: {
  policy: Policy;
  tenant: Tenant;
  person: Person;
  principal: Principal;
  locale: Locale;
  t: Translator;
  now: Date;
}): HomeViewer {
  const { policy, ...viewer } = input;
  return { ...viewer, may: (action) => may(policy, input.principal, action, input.tenant).allowed };
}
