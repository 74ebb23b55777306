import type { TestDatabase } from "@dynamo/testing";
import { sql } from "drizzle-orm";

/**
 * Tables a refused request may still write to, each for a reason that is the point of refusing:
 * - rate_limits: a wrong password (at login, or a password change's current one) is counted, or
 *   throttling could not work;
 * - actor_keys: a tenant's own signing keys are made once, on first need, by whichever request
 *   needs them first, and never change after.
 */
const WRITTEN_BY_REFUSALS = new Set<string>(["rate_limits", "actor_keys"]);

/**
 * Rows a refused request may add: the audit log records a failed login (who tried, from where)
 * with the outcome "failure"; every other row of the table counts.
 */
const ROWS_WRITTEN_BY_REFUSALS: Record<string, string> = { audit_events: "where x.outcome <> 'failure'" };

const rowsOf = (result: unknown) =>
  (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Record<string, unknown>[];

/** A digest of every row of every table, in one query, to prove that a request changed nothing. */
export function createTableDigest(database: TestDatabase) {
  let query: string | undefined;
  const build = async () => {
    const tables = rowsOf(
      await database.db.execute(
        sql`select table_schema as s, table_name as t from information_schema.tables
            where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')
            order by 1, 2`,
      ),
    ).filter((row) => !WRITTEN_BY_REFUSALS.has(String(row.t)));
    return tables
      .map(
        ({ s, t }) =>
          `select '${s}.${t}' as t, md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h from "${s}"."${t}" x ${ROWS_WRITTEN_BY_REFUSALS[String(t)] ?? ""}`,
      )
      .join(" union all ");
  };
  return {
    async take(): Promise<Map<string, string>> {
      query ??= await build();
      const rows = rowsOf(await database.db.execute(sql.raw(query)));
      return new Map(rows.map((row) => [String(row.t), String(row.h)]));
    },
    changed(before: Map<string, string>, after: Map<string, string>): string[] {
      return [...after].filter(([table, hash]) => before.get(table) !== hash).map(([table]) => table);
    },
  };
}
