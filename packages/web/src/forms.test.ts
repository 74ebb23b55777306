import { z } from "@hono/zod-openapi";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import type { TenantEnv } from "./env.ts";
import { formField, parseForm } from "./forms.ts";

const Form = z.object({ name: formField.line(20), note: formField.lines(100), roles: formField.choices(3) });

function app() {
  const seen: unknown[] = [];
  const hono = new Hono<TenantEnv>();
  hono.use(async (c, next) => {
    c.set("locale", "en");
    await next();
  });
  hono.post("/form", async (c) => {
    const parsed = await parseForm(c, Form);
    if (!parsed.ok) return parsed.response;
    seen.push(parsed.value);
    return c.json(parsed.value);
  });
  return { hono, seen };
}

const post = (hono: Hono<TenantEnv>, body: URLSearchParams | FormData) =>
  hono.request("http://x/form", { method: "POST", body, headers: { accept: "application/json" } });

describe("page forms, checked by their zod schema", () => {
  it("read absent fields as empty and repeated fields as lists", async () => {
    const { hono } = app();
    const response = await post(
      hono,
      new URLSearchParams([
        ["name", "Ana"],
        ["roles", "a"],
        ["roles", "b"],
      ]),
    );
    expect(await response.json()).toEqual({ name: "Ana", note: "", roles: ["a", "b"] });
    const single = await post(hono, new URLSearchParams([["roles", "a"]]));
    expect(await single.json()).toMatchObject({ roles: ["a"] });
  });

  it("keep line breaks in a multi-line text, and refuse them in a one-line one", async () => {
    const { hono, seen } = app();
    expect((await post(hono, new URLSearchParams([["note", "one\r\ntwo\tthree"]]))).status).toBe(200);
    const broken = await post(hono, new URLSearchParams([["name", "a\nb"]]));
    expect(broken.status).toBe(400);
    expect(broken.headers.get("content-type")).toBe("application/problem+json");
    expect(((await broken.json()) as { errors: { field: string }[] }).errors.map((e) => e.field)).toEqual(["name"]);
    expect(seen).toHaveLength(1);
  });

  it("refuse NUL anywhere, a field too long, a field sent twice, and a file, changing nothing", async () => {
    const { hono, seen } = app();
    const cases: (URLSearchParams | FormData)[] = [
      new URLSearchParams([["note", "a\u0000b"]]),
      new URLSearchParams([["name", "x".repeat(21)]]),
      new URLSearchParams([
        ["name", "a"],
        ["name", "b"],
      ]),
      new URLSearchParams([
        ["roles", "a"],
        ["roles", "b"],
        ["roles", "c"],
        ["roles", "d"],
      ]),
    ];
    const withFile = new FormData();
    withFile.append("name", new File(["x"], "x.txt"));
    cases.push(withFile);
    for (const body of cases) {
      const response = await post(hono, body);
      expect(response.status).toBe(400);
      expect((await response.json()) as { type: string }).toMatchObject({ type: "urn:dynamo:problem:validation" });
    }
    expect(seen).toEqual([]);
  });
});
