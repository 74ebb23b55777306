import fc from "fast-check";

/** The parts of an OpenAPI 3.1 document the fuzzer reads. */
export type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
};

export type Parameter = {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required?: boolean;
  schema?: JsonSchema;
};

export type Operation = {
  method: string;
  path: string;
  operationId: string;
  parameters: Parameter[];
  bodySchema: JsonSchema | undefined;
  responses: Record<string, { content?: Record<string, { schema?: JsonSchema }> }>;
  /** Where the operation sits in the document, as a JSON pointer (for the response validator). */
  pointer: string;
};

export type OpenApiDocument = {
  paths: Record<
    string,
    Record<
      string,
      Omit<Operation, "method" | "path" | "pointer" | "bodySchema"> & {
        requestBody?: { content: Record<string, { schema?: JsonSchema }> };
      }
    >
  >;
  components?: { schemas?: Record<string, JsonSchema> };
};

const escapePointer = (part: string) => part.replaceAll("~", "~0").replaceAll("/", "~1");

/** Every operation of the document, in a stable order. */
export function operationsOf(doc: OpenApiDocument): Operation[] {
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      operations.push({
        method: method.toUpperCase(),
        path,
        operationId: op.operationId,
        parameters: op.parameters ?? [],
        bodySchema: op.requestBody?.content["application/json"]?.schema,
        responses: op.responses,
        pointer: `#/paths/${escapePointer(path)}/${method}`,
      });
    }
  }
  return operations.sort((a, b) => a.operationId.localeCompare(b.operationId));
}

/**
 * Strings no field should take as they are: control characters (NUL, line breaks, DEL), a
 * right-to-left override, path tricks, a long string, and characters outside the BMP.
 */
export const HOSTILE_STRINGS = [
  "\u0000",
  "a\u0000b",
  "line\nbreak",
  "carriage\r\nreturn",
  "tab\there",
  "\u202Eevil.exe",
  "\u2066isolate\u2069",
  "\u007F",
  "../../etc/passwd",
  "%00",
  "<script>alert(1)</script>",
  "' or 1=1 --",
  "😀".repeat(40),
  "x".repeat(70_000),
  "",
  " ",
];

/** Values of the wrong type for any field. */
const WRONG_TYPES: unknown[] = [null, 0, -1, 1e308, true, [], {}, ["x"], { nested: "\u0000" }];

export const hostileValue = (): fc.Arbitrary<unknown> =>
  fc.oneof(fc.constantFrom(...HOSTILE_STRINGS), fc.constantFrom(...WRONG_TYPES), fc.string({ unit: "binary" }));

/** Path segments that are not ids: traversal, encoded controls, huge, negative, empty-ish. */
export const HOSTILE_SEGMENTS = [
  "..",
  "%2e%2e",
  "%00",
  "%0A",
  "%E2%80%AE",
  "%ZZ",
  "-1",
  "0",
  "99999999999999999999",
  "not-an-id",
  "x".repeat(3000),
  "00000000-0000-0000-0000-000000000000",
  "%20",
];

function resolve(doc: OpenApiDocument, schema: JsonSchema): JsonSchema {
  let current = schema;
  for (let hops = 0; current.$ref !== undefined && hops < 10; hops += 1) {
    const name = current.$ref.replace("#/components/schemas/", "");
    current = doc.components?.schemas?.[name] ?? {};
  }
  return current;
}

function stringFor(schema: JsonSchema, ids: () => string[]): fc.Arbitrary<string> {
  switch (schema.format) {
    case "uuid":
      return fc.oneof(
        fc.uuid({ version: 4 }),
        fc.nat().map((n) => {
          const known = ids();
          return known[n % Math.max(known.length, 1)] ?? "6b7d9c7e-2f47-4a55-9d50-0a8c1e1a8f00";
        }),
      );
    case "date":
      return fc
        .date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2040-12-31T00:00:00Z"), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10));
    case "date-time":
      return fc
        .date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2040-12-31T00:00:00Z"), noInvalidDate: true })
        .map((d) => d.toISOString());
    case "uri":
      return fc.constantFrom("https://example.org/x", "http://127.0.0.1/", "https://hub.test/ap/actor");
    case "email":
      return fc.nat(100_000).map((n) => `fuzz${n}@example.org`);
  }
  if (schema.pattern !== undefined) return fc.stringMatching(new RegExp(schema.pattern));
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.min(schema.maxLength ?? minLength + 40, minLength + 40);
  return fc.string({ minLength, maxLength });
}

/** A value the schema accepts (as far as its keywords say), from known ids where it names an id. */
export function validValue(
  doc: OpenApiDocument,
  raw: JsonSchema,
  ids: () => string[],
  depth = 0,
): fc.Arbitrary<unknown> {
  const schema = resolve(doc, raw);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum !== undefined) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives !== undefined) return fc.oneof(...alternatives.map((s) => validValue(doc, s, ids, depth + 1)));
  if (schema.allOf !== undefined && schema.allOf.length > 0)
    return validValue(doc, schema.allOf[0] ?? {}, ids, depth + 1);
  const type = Array.isArray(schema.type) ? schema.type.filter((t) => t !== "null")[0] : schema.type;
  switch (type) {
    case "string":
      return stringFor(schema, ids);
    case "integer": {
      const min = schema.minimum ?? (schema.exclusiveMinimum === undefined ? -10 : schema.exclusiveMinimum + 1);
      const max = schema.maximum ?? (schema.exclusiveMaximum === undefined ? min + 1000 : schema.exclusiveMaximum - 1);
      return fc.integer({ min: Math.max(min, -(2 ** 31)), max: Math.min(max, 2 ** 31) });
    }
    case "number":
      return fc.double({ min: schema.minimum ?? -1000, max: schema.maximum ?? 1000, noNaN: true });
    case "boolean":
      return fc.boolean();
    case "array": {
      if (depth > 4) return fc.constant([]);
      const minLength = schema.minItems ?? 0;
      return fc.array(validValue(doc, schema.items ?? {}, ids, depth + 1), {
        minLength,
        maxLength: Math.min(schema.maxItems ?? minLength + 3, minLength + 3),
      });
    }
    case "object":
    case undefined: {
      if (schema.properties === undefined) {
        if (typeof schema.additionalProperties === "object" && depth <= 4) {
          const keys =
            schema.propertyNames === undefined
              ? fc.constantFrom("en", "fr")
              : validValue(doc, schema.propertyNames, ids, depth + 1);
          return fc.dictionary(
            keys as fc.Arbitrary<string>,
            validValue(doc, schema.additionalProperties, ids, depth + 1),
            {
              minKeys: 1,
              maxKeys: 2,
            },
          );
        }
        return type === "object" ? fc.constant({}) : fc.constantFrom("text", 1, true);
      }
      if (depth > 4) return fc.constant({});
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [key, property] of Object.entries(schema.properties))
        model[key] = validValue(doc, property, ids, depth + 1);
      return fc.record(model, { requiredKeys: (schema.required ?? []).filter((k) => k in model) });
    }
    default:
      return fc.constant(null);
  }
}

/** A value at or just past one of the schema's limits: the longest string, one more, the bounds. */
export function boundaryValue(doc: OpenApiDocument, raw: JsonSchema): fc.Arbitrary<unknown> {
  const schema = resolve(doc, raw);
  const type = Array.isArray(schema.type) ? schema.type.filter((t) => t !== "null")[0] : schema.type;
  if (type === "string" && schema.format === undefined && schema.pattern === undefined && schema.enum === undefined) {
    const max = schema.maxLength ?? 10_000;
    const min = schema.minLength ?? 0;
    return fc.constantFrom("é".repeat(max), "x".repeat(max + 1), "x".repeat(Math.max(0, min - 1)), "x".repeat(min));
  }
  if (type === "integer" || type === "number") {
    const values = [schema.minimum, schema.maximum]
      .filter((v): v is number => v !== undefined)
      .flatMap((v) => [v - 1, v, v + 1]);
    return fc.constantFrom(...values, 2 ** 53, -(2 ** 53), 0.5);
  }
  if (type === "array")
    return fc.constantFrom(
      [],
      Array.from({ length: (schema.maxItems ?? 200) + 1 }, () => "x"),
    );
  return hostileValue();
}

/** Every place in a JSON value, as a list of keys. */
export function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const paths: (string | number)[][] = [prefix];
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) paths.push(...pathsOf(item, [...prefix, index]));
  } else if (value !== null && typeof value === "object")
    for (const [key, item] of Object.entries(value)) paths.push(...pathsOf(item, [...prefix, key]));
  return paths;
}

/** The value with the place at `path` replaced (or removed, when `replacement` is `REMOVE`). */
export const REMOVE = Symbol("remove");
export function replaceAt(value: unknown, path: (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement === REMOVE ? undefined : replacement;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  if (Array.isArray(value)) {
    const copy = [...value];
    if (rest.length === 0 && replacement === REMOVE) copy.splice(Number(head), 1);
    else copy[Number(head)] = replaceAt(copy[Number(head)], rest, replacement);
    return copy;
  }
  if (value !== null && typeof value === "object") {
    const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    if (rest.length === 0 && replacement === REMOVE) delete copy[head];
    else copy[head] = replaceAt(copy[head], rest, replacement);
    return copy;
  }
  return value;
}
