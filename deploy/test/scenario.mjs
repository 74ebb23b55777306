// What deploy/test/run.sh checks through HTTP once the region and the hub run in their containers,
// as an operator and the network's people would: node deploy/test/scenario.mjs setup|network|after-restart
// Each node is reached on its published port on 127.0.0.1 with its own Host header.
//   REGION_PORT, HUB_PORT      the published ports
//   REGION_HOST, HUB_HOST      the tenants' host names (the nodes' PUBLIC_URL hosts)
//   REGION_SETUP, HUB_SETUP    the setup links from the logs (setup)
//   STATE                      a file where the ballot's id is kept between phases

import { readFileSync, writeFileSync } from "node:fs";
import { request } from "node:http";

const env = process.env;
const PASSWORD = "a long street-work passphrase for CI";
const region = { port: Number(env.REGION_PORT), host: env.REGION_HOST, url: `http://${env.REGION_HOST}:3000` };
const hub = { port: Number(env.HUB_PORT), host: env.HUB_HOST, url: `http://${env.HUB_HOST}:3000` };

function log(line) {
  console.log(`deploy test: ${line}`);
}

function fail(message) {
  console.error(`deploy test FAILED: ${message}`);
  process.exit(1);
}

/** One HTTP request to a node's published port, with its tenant's Host header. */
function call(node, method, path, { body, form, token } = {}) {
  const payload = form ? new URLSearchParams(form).toString() : body === undefined ? undefined : JSON.stringify(body);
  const headers = { host: `${node.host}:3000`, accept: form ? "text/html" : "application/json" };
  if (payload !== undefined) {
    headers["content-type"] = form ? "application/x-www-form-urlencoded" : "application/json";
    headers["content-length"] = Buffer.byteLength(payload);
  }
  if (token) headers.authorization = `Bearer ${token}`;
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port: node.port, method, path, headers }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk) => {
        text += chunk;
      });
      res.on("end", () => {
        let json;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode, text, json });
      });
    });
    req.on("error", reject);
    req.setTimeout(30_000, () => req.destroy(new Error(`${method} ${path}: no answer in 30 s`)));
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

async function expectStatus(what, promise, status) {
  const response = await promise;
  if (response.status !== status)
    fail(`${what}: ${response.status} instead of ${status}: ${response.text.slice(0, 500)}`);
  return response;
}

async function until(what, timeoutMs, check) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) fail(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

async function login(node, email) {
  const response = await expectStatus(
    `login of ${email}`,
    call(node, "POST", "/api/session", { body: { email, password: PASSWORD } }),
    200,
  );
  return response.json.token;
}

/** An invitation by the tenant's administrator, accepted with its link's token. */
async function invite(node, adminToken, person) {
  const invited = await expectStatus(
    `invitation of ${person.email}`,
    call(node, "POST", "/api/invitations", { body: person, token: adminToken }),
    201,
  );
  const token = new URL(invited.json.link.url).searchParams.get("token");
  await expectStatus(
    `${person.email} accepting`,
    call(node, "POST", "/api/invitations/accept", { body: { token, password: PASSWORD } }),
    200,
  );
  return login(node, person.email);
}

const actorOf = (node, slug) => `${node.url}/ap/actors/${slug}`;
const REGION_ADMIN = `admin@${env.REGION_HOST}`;
const HUB_ADMIN = `admin@${env.HUB_HOST}`;

async function setup() {
  const regionToken = new URL(env.REGION_SETUP).searchParams.get("token");
  const hubToken = new URL(env.HUB_SETUP).searchParams.get("token");
  const page = await expectStatus("the region's setup page", call(region, "GET", `/setup?token=${regionToken}`), 200);
  if (!page.text.includes('name="regionCode"')) fail("the setup page has no region field");
  await expectStatus(
    "the region's setup",
    call(region, "POST", "/setup", {
      form: {
        token: regionToken,
        regionCode: "AF",
        host: region.host,
        locale: "fr",
        email: REGION_ADMIN,
        password: PASSWORD,
      },
    }),
    201,
  );
  await expectStatus(
    "the hub's setup",
    call(hub, "POST", "/setup", {
      form: { token: hubToken, host: hub.host, locale: "en", email: HUB_ADMIN, password: PASSWORD },
    }),
    201,
  );
  await expectStatus(
    "the region's setup link, a second time",
    call(region, "POST", "/setup", {
      form: { token: regionToken, regionCode: "EU", host: "other.test", email: "x@other.test", password: PASSWORD },
    }),
    409,
  );
  const home = await expectStatus("the region's home page", call(region, "GET", "/", { form: undefined }), 200);
  log(`first-run setup done through HTTP on both nodes; the region's home page answers (${home.text.length} bytes)`);
}

async function network() {
  const regionAdmin = await login(region, REGION_ADMIN);
  const hubAdmin = await login(hub, HUB_ADMIN);
  const hubActor = actorOf(hub, "hub");
  const regionActor = actorOf(region, "af");
  await expectStatus(
    "the region asking the hub to peer",
    call(region, "POST", "/api/peers", { body: { actor: hubActor }, token: regionAdmin }),
    202,
  );
  await until("the hub to see the region's request", 60_000, async () => {
    const { json } = await call(hub, "GET", "/api/peers", { token: hubAdmin });
    return json?.peers?.find((p) => p.actor === regionActor && p.state === "requested");
  });
  await expectStatus(
    "the hub approving",
    call(hub, "POST", "/api/peers/decision", { body: { actor: regionActor, decision: "approve" }, token: hubAdmin }),
    200,
  );
  await until("the region to be peered with the hub", 60_000, async () => {
    const { json } = await call(region, "GET", "/api/peers", { token: regionAdmin });
    return json?.peers?.some((p) => p.actor === hubActor && p.state === "active");
  });
  log("the region and the hub are peered across their containers (signed requests both ways)");

  const platform = await expectStatus(
    "a platform",
    call(region, "POST", "/api/platforms", {
      body: { countryCode: "SN", names: { fr: "Plateforme du Sénégal" }, joinedOn: "2019-01-01", status: "active" },
      token: regionAdmin,
    }),
    201,
  );
  const rep = await invite(region, regionAdmin, {
    email: `rep-sn@${region.host}`,
    displayName: "Représentante SN",
    roles: ["platform_representative"],
    platformId: platform.json.id ?? platform.json.platform?.id,
    platformSeat: "representative",
  });
  const secretariat = await invite(hub, hubAdmin, {
    email: `ipg@${hub.host}`,
    displayName: "IPG secretariat",
    roles: ["ipg_secretariat"],
  });
  await until("the region's platform on the hub's roster", 90_000, async () => {
    const { status, json } = await call(hub, "GET", "/api/ballots/electorate", { token: secretariat });
    return status === 200 && json.electorate.some((m) => m.platformId === "SN");
  });
  const now = Date.now();
  const created = await expectStatus(
    "a ballot at the hub",
    call(hub, "POST", "/api/ballots", {
      body: {
        title: { en: "Adopt the CI check?", fr: "Adopter la vérification CI ?" },
        description: { en: "A ballot cast across containers." },
        opensAt: new Date(now - 60_000).toISOString(),
        closesAt: new Date(now + 24 * 3600_000).toISOString(),
        graceMinutes: 5,
      },
      token: secretariat,
    }),
    201,
  );
  const opened = await expectStatus(
    "opening it",
    call(hub, "POST", `/api/ballots/${created.json.id}/open`, { token: secretariat }),
    200,
  );
  const copy = await until("the ballot at the region", 60_000, async () => {
    const { json } = await call(region, "GET", "/api/ballots", { token: rep });
    return json?.ballots?.find((b) => b.uri === opened.json.uri);
  });
  await expectStatus(
    "the representative's signed vote",
    call(region, "POST", `/api/ballots/${copy.id}/votes`, {
      body: { choice: { kind: "options", optionIds: ["yes"] } },
      token: rep,
    }),
    202,
  );
  await until("the hub to receive the vote", 60_000, async () => {
    const { json } = await call(hub, "GET", `/api/ballots/${created.json.id}`, { token: secretariat });
    return json?.turnout?.find((t) => t.regionCode === "AF" && t.voted === 1);
  });
  log("a platform's signed vote cast at the region was received by the hub");
  writeFileSync(env.STATE, JSON.stringify({ hubBallot: created.json.id, regionBallot: copy.id }));
}

async function afterRestart() {
  const state = JSON.parse(readFileSync(env.STATE, "utf8"));
  const regionAdmin = await login(region, REGION_ADMIN);
  const secretariat = await login(hub, `ipg@${hub.host}`);
  const { json: peers } = await call(region, "GET", "/api/peers", { token: regionAdmin });
  if (!peers.peers.some((p) => p.actor === actorOf(hub, "hub") && p.state === "active")) fail("the peering was lost");
  const { json: ballot } = await call(hub, "GET", `/api/ballots/${state.hubBallot}`, { token: secretariat });
  if (!ballot.turnout.some((t) => t.regionCode === "AF" && t.voted === 1)) fail("the hub lost the vote");
  const rep = await login(region, `rep-sn@${region.host}`);
  await expectStatus(
    "the region's copy of the ballot",
    call(region, "GET", `/api/ballots/${state.regionBallot}`, { token: rep }),
    200,
  );
  log("after the restart: the accounts, the peering, the ballot and the vote are all there");
}

const phases = { setup, network, "after-restart": afterRestart };
const phase = phases[process.argv[2]];
if (phase === undefined) fail(`unknown phase ${process.argv[2]}`);
await phase();
