import type { RegionCode } from "@dynamo/core";

/** One node of the demo network: the hub or a region, on its own loopback address. */
export interface DemoNode {
  slug: string;
  kind: "hub" | "region";
  regionCode: RegionCode | null;
  host: string;
  port: number;
  url: string;
  dataDir: string;
  /** A PostgreSQL database for this node instead of the embedded one (the tests run on both). */
  databaseUrl?: string;
}

const LAYOUT: { slug: string; kind: "hub" | "region"; regionCode: RegionCode | null; octet: number }[] = [
  { slug: "hub", kind: "hub", regionCode: null, octet: 10 },
  { slug: "africa", kind: "region", regionCode: "AF", octet: 11 },
  { slug: "americas", kind: "region", regionCode: "AM", octet: 12 },
  { slug: "asia", kind: "region", regionCode: "AS", octet: 13 },
  { slug: "europe", kind: "region", regionCode: "EU", octet: 14 },
];

/**
 * The hub and the four regions, each on its own 127.0.0.x address so that browsers keep their
 * cookies apart, all on the same port, each with its own database folder.
 */
export function planDemoNetwork(options: { port: number; dataDir: string }): DemoNode[] {
  return LAYOUT.map(({ slug, kind, regionCode, octet }) => {
    const host = `127.0.0.${octet}`;
    return {
      slug,
      kind,
      regionCode,
      host,
      port: options.port,
      url: `http://${host}:${options.port}`,
      dataDir: `${options.dataDir}/demo/${slug}`,
    };
  });
}

/** What a node process needs in its environment to be that demo node. */
export function demoNodeEnv(node: DemoNode): Record<string, string> {
  return {
    NODE_ENV: "development",
    HOST: node.host,
    PORT: String(node.port),
    PUBLIC_URL: node.url,
    DATA_DIR: node.dataDir,
    ...(node.databaseUrl ? { DATABASE_URL: node.databaseUrl } : {}),
    DEFAULT_TENANT_SLUG: node.slug,
    // The demo's peers are on 127.0.0.x: a switch refused in production.
    FEDERATION_ALLOW_PRIVATE_ADDRESSES: "true",
    ...(node.regionCode ? { DEFAULT_REGION: node.regionCode } : {}),
  };
}
