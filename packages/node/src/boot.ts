import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import {
  type Config,
  type ConfigDefaults,
  describeSmtp,
  formatConfigProblems,
  loadConfig,
  resolveNodeSecret,
} from "@dynamo/config";
import type { Tenant, TenantKind } from "@dynamo/core";
import { createDb, type Database } from "@dynamo/db";
import { createSmtpMailer } from "@dynamo/mail";
import { getLogger } from "@logtape/logtape";
import type { AreaDefinition } from "./area.ts";
import { buildNode } from "./build-node.ts";
import { createNodeServer } from "./http-server.ts";
import { configureLogging } from "./logging.ts";
import { ensureFirstTenant } from "./services/tenants.ts";

const logger = getLogger(["dynamo", "node"]);

export interface BootedNode {
  config: Config;
  database: Database;
  nodeSecret: string;
  /** The tenant created because the database was empty, if any. */
  firstTenant: Tenant | undefined;
}

/**
 * Everything a node does before it listens: read and check the configuration (all problems at
 * once), set up logs, find the node secret, open the database and migrate it, and on a local
 * run with an empty database create the first tenant. The caller passes the environment.
 */
export async function bootNode(options: {
  env: Record<string, string | undefined>;
  kind: TenantKind;
  defaults: ConfigDefaults;
}): Promise<{ ok: true; node: BootedNode } | { ok: false; message: string }> {
  const loaded = loadConfig(options.env, options.defaults);
  if (!loaded.ok) return { ok: false, message: formatConfigProblems(loaded.error) };
  const config = loaded.value;
  await configureLogging({ level: config.logLevel, json: config.env === "production" });

  const nodeSecret = await resolveNodeSecret(config);
  const database = await createDb(config.database);
  logger.info("database ready ({driver})", {
    driver: database.driver,
    dataDir: config.database.driver === "pglite" ? config.database.dataDir : undefined,
  });
  if (config.mail === undefined) logger.info("no SMTP_URL: the node sends no email");
  else
    logger.info("email through {relay} from {from}", {
      relay: describeSmtp(config.mail.smtp),
      from: config.mail.from.address,
    });
  let firstTenant: Tenant | undefined;
  if (config.env !== "production") {
    firstTenant = await ensureFirstTenant(database.db, config, options.kind, randomUUID);
    if (firstTenant) {
      logger.info("empty database: created tenant {slug} answering on {hosts}", {
        slug: firstTenant.slug,
        hosts: firstTenant.hosts.join(", "),
      });
    }
  }
  return { ok: true, node: { config, database, nodeSecret, firstTenant } };
}

interface Closable {
  close(callback?: (error?: Error) => void): unknown;
}

/**
 * On SIGINT or SIGTERM: stop accepting connections, let requests in flight finish, stop the
 * background workers (their handlers in flight finish too), then close the database so embedded
 * PGlite files are flushed and reopen without loss.
 */
export function closeOnSignal(
  server: Closable,
  node: BootedNode,
  proc: NodeJS.Process,
  stopWorkers: () => Promise<void> = async () => {},
): void {
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info("{signal} received: closing the server and the database", { signal });
    const force = setTimeout(() => {
      logger.error("shutdown took longer than 10 s; exiting");
      proc.exit(1);
    }, 10_000);
    force.unref();
    server.close(async () => {
      try {
        await stopWorkers();
        await node.database.close();
        logger.info("closed cleanly");
        proc.exitCode = 0;
      } catch (error) {
        logger.error("closing the database failed: {error}", { error });
        proc.exitCode = 1;
      }
      clearTimeout(force);
    });
  };
  proc.once("SIGINT", () => shutdown("SIGINT"));
  proc.once("SIGTERM", () => shutdown("SIGTERM"));
}

/**
 * A node process from its environment to listening: boot (configuration, logs, database), build
 * it from the areas, start its background work, serve, and close it all on SIGINT or SIGTERM.
 * Each node's main.ts calls this, the only place process state is read.
 */
export async function runNode(options: {
  proc: NodeJS.Process;
  kind: TenantKind;
  defaults: ConfigDefaults;
  areas: readonly AreaDefinition[];
}): Promise<void> {
  const booted = await bootNode({ env: options.proc.env, kind: options.kind, defaults: options.defaults });
  if (!booted.ok) {
    console.error(booted.message);
    options.proc.exit(1);
    return;
  }
  const { node } = booted;
  const built = buildNode({
    kind: options.kind,
    database: node.database,
    nodeSecret: node.nodeSecret,
    config: node.config,
    areas: options.areas,
    mailer: node.config.mail === undefined ? undefined : createSmtpMailer(node.config.mail),
  });
  const stopWorkers = built.start();
  const server = createNodeServer(built.app.fetch, { hostname: node.config.host });
  server.listen(node.config.port, node.config.host, () => {
    const what = options.kind === "hub" ? "hub" : "regional node";
    const info = server.address() as AddressInfo;
    logger.info(`${what} listening on http://{address}:{port}, public URL {publicUrl}`, {
      address: info.address,
      port: info.port,
      publicUrl: node.config.publicUrl,
    });
  });
  closeOnSignal(server, node, options.proc, stopWorkers);
}
