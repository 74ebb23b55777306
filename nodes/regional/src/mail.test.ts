import { randomUUID } from "node:crypto";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Tenant } from "@dynamo/core";
import { createDb } from "@dynamo/db";
import { addFirstUser, createPeopleRepo } from "@dynamo/identity";
import { startTestSmtpRelay, type TestSmtpRelay } from "@dynamo/mail/testing";
import { addTenant } from "@dynamo/node";
import { createRegionReport, createReminderMailRepo, reportsDeps } from "@dynamo/reports";
import {
  createPostgresDatabase,
  freePort,
  PROCESS_TEST_TIMEOUT_MS,
  startProcess,
  testDriver,
  waitFor,
} from "@dynamo/testing";
import { getLogger } from "@logtape/logtape";
import { afterAll, describe, expect, it } from "vitest";
import { createRegionalNode } from "./app.ts";

/**
 * The regional node as a real process, configured with SMTP_URL and MAIL_FROM: it mails the
 * reminders on its own at start, says which relay it uses without the password, and stops its
 * mail worker on SIGTERM. Without SMTP_URL, it sends nothing.
 */
const MAIN = "nodes/regional/src/main.ts";
const SMTP_PASSWORD = "process-relay-secret-9f2c";
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function prepareNode(port: number) {
  const dataDir = await mkdtemp(path.join(tmpdir(), "dynamo-mail-"));
  const postgres = testDriver() === "postgres" ? await createPostgresDatabase() : undefined;
  if (postgres) cleanups.push(postgres.drop);
  const database = await createDb(
    postgres ? { driver: "postgres", url: postgres.url } : { driver: "pglite", dataDir: path.join(dataDir, "pglite") },
  );
  const host = `127.0.0.1:${port}`;
  const created = await addTenant(
    database.db,
    { slug: "eu", kind: "region", regionCode: "EU", names: { en: "Europe" }, defaultLocale: "en", hosts: [host] },
    randomUUID,
  );
  if (!created.ok) throw new Error("no tenant");
  const tenant: Tenant = created.value;
  const added = await addFirstUser(
    database.db,
    tenant,
    { email: "coord@eu.test", roles: ["regional_coordinator"], password: "a long street-work passphrase" },
    { clock: () => new Date(), newId: randomUUID },
  );
  if (!added.ok) throw new Error("no coordinator");
  await createPeopleRepo(database.db, tenant.id).updateProfile(added.value.id, { locale: "pt" }, new Date());
  const { kernel } = createRegionalNode({
    database,
    nodeSecret: "mail-test-node-secret-of-at-least-32-chars",
    config: {
      env: "test",
      publicUrl: "http://x",
      trustProxy: false,
      federationAllowPrivateAddresses: true,
      chromiumPath: "",
    },
  });
  const report = await createRegionReport(
    { ...reportsDeps(kernel), tenant, logger: getLogger(["dynamo", "test"]) },
    added.value,
    { kind: "activity", cycle: "2025", dueDate: new Date(Date.now() + 3 * 24 * 3600 * 1000) },
  );
  if (!report.ok) throw new Error("no report");
  await database.close();
  return {
    reportId: report.value.id,
    tenant,
    env: {
      DATA_DIR: dataDir,
      PORT: String(port),
      PUBLIC_URL: `http://${host}`,
      LOG_LEVEL: "info",
      ...(postgres ? { DATABASE_URL: postgres.url } : {}),
    },
    reopen: () =>
      createDb(
        postgres
          ? { driver: "postgres", url: postgres.url }
          : { driver: "pglite", dataDir: path.join(dataDir, "pglite") },
      ),
  };
}

describe(`a regional node with SMTP settings (${testDriver()})`, () => {
  let relay: TestSmtpRelay;

  it(
    "mails the reminders at start, logs the relay without its password, and stops cleanly",
    async () => {
      relay = await startTestSmtpRelay({ user: "node", password: SMTP_PASSWORD });
      cleanups.push(() => relay.stop());
      const port = await freePort();
      const prepared = await prepareNode(port);
      const node = startProcess(MAIN, {
        ...prepared.env,
        SMTP_URL: relay.url,
        MAIL_FROM: "Dynamo Europe <noreply@eu.test>",
      });
      try {
        const mail = await waitFor(() => relay.received[0], {
          timeoutMs: 60_000,
          what: "the reminder email",
        });
        expect(mail.to).toEqual(["coord@eu.test"]);
        expect(mail.subject).toMatch(/^Prazo dentro de uma semana: Relatório anual de atividades/);
        expect(mail.text).toContain(`http://127.0.0.1:${port}/reports/${prepared.reportId}`);
      } finally {
        expect(await node.stop("SIGTERM")).toBe(0);
      }
      const output = node.output();
      expect(output).toMatch(new RegExp(`email through '?smtp://node@127\\.0\\.0\\.1:${relay.port}'? from`));
      expect(output).toContain("reminder email sent to person");
      expect(output).toContain("closed cleanly");
      expect(output).not.toContain(SMTP_PASSWORD);
      expect(relay.received).toHaveLength(1);

      const database = await prepared.reopen();
      try {
        const recorded = await createReminderMailRepo(database.db, prepared.tenant.id).list();
        expect(recorded.map((r) => [r.subject, r.reportId, r.level, r.sentAt !== null])).toEqual([
          ["report", prepared.reportId, "soon", true],
        ]);
      } finally {
        await database.close();
      }
    },
    PROCESS_TEST_TIMEOUT_MS,
  );

  it(
    "sends nothing without SMTP_URL",
    async () => {
      const port = await freePort();
      const prepared = await prepareNode(port);
      const node = startProcess(MAIN, prepared.env);
      try {
        await waitFor(async () => (await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined))?.ok, {
          timeoutMs: 60_000,
          what: "the node",
        });
      } finally {
        expect(await node.stop("SIGTERM")).toBe(0);
      }
      expect(node.output()).toContain("no SMTP_URL: the node sends no email");
      const database = await prepared.reopen();
      try {
        expect(await createReminderMailRepo(database.db, prepared.tenant.id).list()).toEqual([]);
      } finally {
        await database.close();
      }
    },
    PROCESS_TEST_TIMEOUT_MS,
  );
});
