import { describe, expect, it } from "vitest";
import { asProblem, federationProblem } from "./problem.ts";

describe("federation's errors as problems", () => {
  it("turns Fedify's plain-text refusal into a problem, keeping its status and challenge", async () => {
    const fedify = new Response("Failed to verify the request signature.", {
      status: 401,
      headers: { "content-type": "text/plain; charset=utf-8", "www-authenticate": "Signature" },
    });
    const answer = await asProblem(fedify);
    expect(answer.status).toBe(401);
    expect(answer.headers.get("content-type")).toBe("application/problem+json");
    expect(answer.headers.get("www-authenticate")).toBe("Signature");
    expect(await answer.json()).toEqual({
      type: "urn:dynamo:problem:federation-signature",
      title: "Unauthorized",
      status: 401,
      reason: "signature",
      detail: "Failed to verify the request signature.",
    });
  });

  it("leaves a success and an existing problem as they are", async () => {
    const ok = new Response("{}", { status: 200, headers: { "content-type": "application/activity+json" } });
    expect(await asProblem(ok)).toBe(ok);
    const problem = federationProblem(403, "not-a-peer");
    expect(await asProblem(problem)).toBe(problem);
    expect(await problem.json()).toMatchObject({ status: 403, reason: "not-a-peer" });
  });
});
