import type { LogRecord, Sink } from "@logtape/logtape";

/** A LogTape sink that keeps records in memory, for tests that assert what was logged. */
export function createMemorySink(): Sink & { records: LogRecord[]; text(): string } {
  const records: LogRecord[] = [];
  const sink = (record: LogRecord) => {
    records.push(record);
  };
  return Object.assign(sink, {
    records,
    text: () =>
      records
        .map((r) => `${r.level} ${r.category.join(".")} ${r.message.map(String).join("")} ${safeJson(r.properties)}`)
        .join("\n"),
  });
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value, (_k, v) =>
      v instanceof Error ? { name: v.name, message: v.message, stack: v.stack } : v,
    );
  } catch {
    return String(value);
  }
}
