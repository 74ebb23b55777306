// `pnpm build`: the production build. esbuild bundles each node's entry point (the regional
// node, the hub, the command line) with every workspace package and pure-JavaScript dependency
// into dist/bin/*.mjs, JSX on the production runtime, no TypeScript left. What cannot be bundled
// (a native addon, a WebAssembly build, files read from their package at run time) stays in
// dist/node_modules, copied with its own dependencies. Then `node dist/bin/regional.mjs` runs a
// node with nothing else: dist/ is what an image ships.
import { existsSync } from "node:fs";
import { cp, mkdir, readFile, realpath, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));
const out = path.resolve(root, process.argv[2] ?? "dist");

/** Runtime dependencies kept as packages, each with the workspace package that depends on it. */
const EXTERNAL = {
  "@electric-sql/pglite": "packages/db", // WebAssembly and data files beside its code
  "@node-rs/argon2": "packages/identity", // a native addon per platform
  "playwright-core": "packages/web", // drives Chromium for the PDF editions, loads its own files
  "swagger-ui-dist": "packages/web", // the API documentation's assets, read from the package
};

/** swagger-ui-dist's telemetry, whose install script never runs here (pnpm-workspace.yaml). */
const SKIP = new Set(["@scarf/scarf"]);

/** Files of a kept package the node never loads: PGlite's CommonJS build, extensions and Postgres-client shim. */
const DROP = { "@electric-sql/pglite": /(\.cjs|\.tar\.gz)$|^dist\/(contrib|node-postgres)(\/|$)/ };

/** The only files of a package the node reads (the API documentation's two assets). */
const ONLY = { "swagger-ui-dist": ["package.json", "swagger-ui.css", "swagger-ui-bundle.js"] };

const ENTRIES = { regional: "nodes/regional/src/main.ts", hub: "nodes/hub/src/main.ts", cli: "nodes/cli/src/main.ts" };

// Files the code reads beside itself, `new URL("../migrations", import.meta.url)`: the bundle
// rewrites each to the same path under dist/ (dist/packages/db/migrations), and copies it there.
const besideFiles = new Set();
const URL_BESIDE = /new URL\((["'])([^"']+)\1,\s*import\.meta\.url\)/g;
const filesBeside = {
  name: "files-beside",
  setup(build) {
    build.onLoad({ filter: /\.tsx?$/ }, async (args) => {
      if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      const source = await readFile(args.path, "utf8");
      if (!source.includes("import.meta.url")) return undefined;
      const contents = source.replace(URL_BESIDE, (_match, _quote, relative) => {
        const inRepo = path.relative(root, path.resolve(path.dirname(args.path), relative));
        besideFiles.add(inRepo);
        return `new URL(${JSON.stringify(inRepo.split(path.sep).join("/"))}, __dynamoRoot)`;
      });
      return { contents, loader: args.path.endsWith("x") ? "tsx" : "ts" };
    });
  },
};

const started = Date.now();
await rm(out, { recursive: true, force: true });
await mkdir(path.join(out, "bin"), { recursive: true });

await build({
  entryPoints: Object.fromEntries(
    Object.entries(ENTRIES).map(([name, file]) => [`${name}.main`, path.join(root, file)]),
  ),
  outdir: path.join(out, "bin"),
  outExtension: { ".js": ".mjs" },
  bundle: true,
  platform: "node",
  target: "node22",
  format: "esm",
  splitting: true,
  chunkNames: "[name]-[hash]", // beside the entry points: every file's import.meta.url is dist/bin/
  jsx: "automatic",
  jsxDev: false,
  jsxImportSource: "hono/jsx",
  define: { "process.env.NODE_ENV": '"production"' },
  external: Object.keys(EXTERNAL),
  // CommonJS dependencies bundled into ESM still call require() for Node's built-ins.
  banner: {
    js: [
      'import { createRequire as __dynamoRequire } from "node:module";',
      "const require = __dynamoRequire(import.meta.url);",
      'const __dynamoRoot = new URL("../", import.meta.url);',
    ].join(" "),
  },
  plugins: [filesBeside],
  // Unminified and without source maps: a stack trace names real functions, and the image stays small.
  legalComments: "linked",
  logLevel: "warning",
});

// Each entry point is a launcher that turns on V8's compile cache before loading the node, so a
// restart reads the compiled code instead of parsing the bundle again (a third of a start). The
// cache lives where NODE_COMPILE_CACHE says (the image fills one when it is built), else in the
// system's temporary folder; a cache that cannot be written costs nothing but the gain.
for (const name of Object.keys(ENTRIES)) {
  await writeFile(
    path.join(out, "bin", `${name}.mjs`),
    [
      'import module from "node:module";',
      "module.enableCompileCache?.();",
      `await import("./${name}.main.mjs");`,
      "",
    ].join("\n"),
  );
}

for (const file of besideFiles) await cp(path.join(root, file), path.join(out, file), { recursive: true });

/** Node's lookup of a package folder from a folder (package.json may be outside a package's exports). */
async function findPackage(name, fromDir) {
  for (let dir = await realpath(fromDir); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "node_modules", name);
    if (existsSync(path.join(candidate, "package.json"))) return realpath(candidate);
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** Copies a package and, recursively, the dependencies it has installed, into dist/node_modules. */
const copied = new Map();
async function copyPackage(name, fromDir) {
  if (copied.has(name)) return;
  if (SKIP.has(name)) return;
  const dir = await findPackage(name, fromDir);
  if (dir === undefined) return; // an optional dependency for another platform
  const manifest = JSON.parse(await readFile(path.join(dir, "package.json"), "utf8"));
  copied.set(name, manifest.version);
  const keep = ONLY[name];
  await cp(dir, path.join(out, "node_modules", name), {
    recursive: true,
    dereference: true,
    filter: (source) => {
      const inside = path.relative(dir, source);
      if (keep !== undefined) return inside === "" || keep.includes(inside);
      if (DROP[name]?.test(inside.split(path.sep).join("/"))) return false;
      return !/\.(map|d\.ts|d\.cts|d\.mts|md)$/.test(inside);
    },
  });
  for (const dep of Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies }))
    await copyPackage(dep, dir);
}
for (const [name, owner] of Object.entries(EXTERNAL)) await copyPackage(name, path.join(root, owner));

const rootManifest = JSON.parse(await readFile(path.join(root, "package.json"), "utf8"));
await writeFile(
  path.join(out, "package.json"),
  `${JSON.stringify(
    {
      name: "dynamo-node",
      private: true,
      type: "module",
      description: "The production build of a Dynamo network node (pnpm build).",
      engines: rootManifest.engines,
      dependencies: Object.fromEntries([...copied].sort()),
      scripts: { start: "node bin/regional.mjs", "start:hub": "node bin/hub.mjs", cli: "node bin/cli.mjs" },
    },
    null,
    2,
  )}\n`,
);
console.log(
  `built ${path.relative(root, out)}/ in ${((Date.now() - started) / 1000).toFixed(1)} s: ${Object.keys(ENTRIES).join(", ")}; packages: ${[...copied.keys()].join(", ")}`,
);
