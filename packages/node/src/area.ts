import type { AreaPolicy, TenantKind } from "@dynamo/core";
import type { Db, Uptime } from "@dynamo/db";
import type { DocumentType, Exchange, InboxRoute, LocalPlatforms, NetworkServices } from "@dynamo/federation";
import type { Mailer } from "@dynamo/mail";
import type { CatalogSet } from "@dynamo/ui";
import type { NavEntry, NodeEnv, TenantRouter } from "@dynamo/web";
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AreaEvents, EventSubscriber } from "./events.ts";
import type { HomeItemsSource } from "./home.ts";

/**
 * One feature area, as the node assembles it: what the kernel and federation must know before
 * anything runs (its messages, problem kinds, policy, navigation, signed document types and the
 * route of each message kind), and how to build its runtime once they exist. Adding an area is
 * a package exporting one of these, and one entry in the list of areas.
 */
export interface AreaDefinition {
  name: string;
  /** Its messages in fr/en/es/pt. */
  messages: CatalogSet;
  /** Its failures and the HTTP status of each (titles are its catalog's `problem.<kind>`). */
  problems?: Readonly<Record<string, ContentfulStatusCode>>;
  /** Its actions and who may take them. */
  policy?: AreaPolicy;
  /** Its entries in the site's navigation. */
  navigation?: readonly NavEntry[];
  /** The signed document types it sends and receives across nodes. */
  documents?: readonly DocumentType[];
  /** Where each kind of message it receives goes. */
  inbox?: readonly InboxRoute[];
  /** The area that keeps the national platforms gives federation their actors and roster. */
  platforms?: LocalPlatforms;
  /** What it does when another area's event happens (after that event's transaction committed, at least once). */
  subscribers?: readonly EventSubscriber[];
  /** Builds the area's runtime from what the node made of the kernel and federation. */
  create(kernel: AreaKernel): AreaRuntime;
}

export function defineArea(area: AreaDefinition): AreaDefinition {
  return area;
}

/** What every area's runtime is built from: the node, in plain ports. */
export interface AreaKernel {
  kind: TenantKind;
  db: Db;
  clock: () => Date;
  newId: () => string;
  /** Signed documents, the outbox, peers and roster: the area's port on federation. */
  exchange: Exchange;
  /** Peering, publications, delivery status: federation's own services, for the network area's pages. */
  network: NetworkServices;
  /** Records area events in the caller's transaction (delivered to subscribers after commit). */
  events: AreaEvents;
  /** When the node was down (from its processes' heartbeat): the hub extends a ballot by it. */
  uptime: Uptime;
  config: {
    publicUrl: string;
    trustProxy: boolean;
    /** The node secret: session, CSRF and link keys derive from it. */
    nodeSecret: string;
    /** Chromium for PDF editions ("" or a missing file: no PDF, the printable page remains). */
    chromiumPath: string;
    /** How often background jobs look for due work (tests shorten them). */
    intervals: { remindersMs: number; jobsMs: number };
  };
  /** With SMTP settings; undefined otherwise (no email is sent). */
  mailer: Mailer | undefined;
}

/** One gauge of an area on /metrics: its samples read from the database at each scrape. */
export interface AreaGauge {
  name: string;
  help: string;
  labelNames: readonly string[];
  read(): Promise<{ labels: Record<string, string>; value: number }[]>;
}

/** What an area runs: its routes and pages, its items on each person's home, its background work. */
export interface AreaRuntime {
  /** Runs before every area's routes: the identity area finds who is asking and checks forms. */
  middleware?(router: TenantRouter): void;
  routes?(router: TenantRouter): void;
  /** Routes that answer on any host, before the tenant is known (the identity area's first-run setup). */
  nodeRoutes?(app: OpenAPIHono<NodeEnv>): void;
  /**
   * What this area awaits from the signed-in person and what comes next for them, as items of
   * their home page (the first page after login). A function of the viewer alone: the home page
   * lists every area's items without importing any area.
   */
  homeItems?: HomeItemsSource;
  /** The area's own figures on /metrics (read at each scrape), without depending on a metrics library. */
  gauges?: readonly AreaGauge[];
  /** Starts background work; stop() waits for work in flight. */
  start?(): { stop(): Promise<void> };
}
