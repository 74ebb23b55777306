import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { areas } from "./index.ts";

/**
 * The workspace's boundaries, checked on the sources themselves: the kernel never depends on an
 * area; an area depends on another only through that package's exported entry points (never a
 * file of it, never a relative path out of its own package); a domain folder is pure rules.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const AREA_NAMES = areas.map((area) => area.name);
const KERNEL = ["core", "config", "db", "web", "ui", "mail", "node", "testing"];

interface PackageInfo {
  name: string;
  dir: string;
  exports: string[];
  dependencies: string[];
}

function packageAt(dir: string): PackageInfo {
  const json = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as {
    name: string;
    exports: Record<string, string>;
    dependencies?: Record<string, string>;
    devDependencies?: Record<string, string>;
  };
  return {
    name: json.name,
    dir,
    exports: Object.keys(json.exports).map((key) => (key === "." ? json.name : `${json.name}/${key.slice(2)}`)),
    dependencies: [...Object.keys(json.dependencies ?? {}), ...Object.keys(json.devDependencies ?? {})],
  };
}

function sourcesOf(dir: string): string[] {
  const out: string[] = [];
  const walk = (current: string) => {
    for (const entry of readdirSync(current)) {
      if (entry === "node_modules") continue;
      const full = path.join(current, entry);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.tsx?$/.test(entry)) out.push(full);
    }
  };
  walk(path.join(dir, "src"));
  return out;
}

const importsOf = (file: string) =>
  [
    ...readFileSync(file, "utf8").matchAll(
      /^\s*(?:import|export)\b[^"']*?from\s+["']([^"']+)["']|^\s*import\s+["']([^"']+)["']/gm,
    ),
  ].map((m) => m[1] ?? m[2] ?? "");

const isTest = (file: string) =>
  /\.test\.tsx?$|testing\.ts$|test-support\.ts$|test-fixtures\.ts$|test-arbitraries\.ts$/.test(file);

const areaPackages = AREA_NAMES.map((name) => packageAt(path.join(root, "packages", name)));
const kernelPackages = [
  ...KERNEL.map((name) => packageAt(path.join(root, "packages", name))),
  packageAt(path.join(root, "federation")),
];
const byName = new Map([...areaPackages, ...kernelPackages].map((p) => [p.name, p]));

describe("the workspace's boundaries", () => {
  it("gives every area in the list a package of its own under packages/", () => {
    expect(areaPackages.map((p) => p.name)).toEqual(AREA_NAMES.map((name) => `@dynamo/${name}`));
  });

  it("keeps the kernel and federation free of any area", () => {
    const found: string[] = [];
    for (const pkg of kernelPackages) {
      for (const file of sourcesOf(pkg.dir).filter((f) => !isTest(f))) {
        for (const spec of importsOf(file)) {
          if (areaPackages.some((area) => spec === area.name || spec.startsWith(`${area.name}/`)))
            found.push(`${path.relative(root, file)} imports ${spec}`);
        }
      }
    }
    expect(found).toEqual([]);
  });

  it("lets an area reach another package only through its exported entry points, and only one it depends on", () => {
    const found: string[] = [];
    for (const pkg of areaPackages) {
      for (const file of sourcesOf(pkg.dir)) {
        for (const spec of importsOf(file)) {
          if (spec.startsWith(".")) {
            const target = path.resolve(path.dirname(file), spec);
            if (!target.startsWith(`${pkg.dir}${path.sep}`))
              found.push(`${path.relative(root, file)} reaches out of its package: ${spec}`);
            continue;
          }
          if (!spec.startsWith("@dynamo/")) continue;
          const name = spec.split("/").slice(0, 2).join("/");
          const target = byName.get(name);
          if (target === undefined || name === pkg.name) continue;
          if (!target.exports.includes(spec))
            found.push(`${path.relative(root, file)} imports a file of ${name}: ${spec}`);
          if (!pkg.dependencies.includes(name)) found.push(`${pkg.name} uses ${name} without depending on it`);
        }
      }
    }
    expect(found).toEqual([]);
  });

  it("keeps each area's domain pure: its own files and @dynamo/core only", () => {
    const found: string[] = [];
    for (const pkg of areaPackages) {
      for (const file of sourcesOf(pkg.dir).filter((f) => f.includes(`${path.sep}domain${path.sep}`) && !isTest(f))) {
        for (const spec of importsOf(file)) {
          if (spec.startsWith(".") || spec === "@dynamo/core") continue;
          found.push(`${path.relative(root, file)} imports ${spec}`);
        }
      }
    }
    expect(found).toEqual([]);
  });
});
