import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { type OpenApiDocument, type Operation, operationsOf } from "./openapi-arbitraries.ts";

const escapePointer = (part: string) => part.replaceAll("~", "~0").replaceAll("/", "~1");

/**
 * Checks an answer against what the OpenAPI document says of it: the status is listed for the
 * operation, the media type is one it lists, and a JSON body matches that media type's schema
 * (ajv, JSON Schema 2020-12, the dialect of OpenAPI 3.1). Returns what does not match.
 */
export function createResponseValidator(doc: OpenApiDocument) {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
  // ajv-formats is CommonJS: its function is the default export of its default import.
  addFormats.default(ajv);
  ajv.addSchema(doc as object, "openapi");
  const compiled = new Map<string, ReturnType<typeof ajv.compile>>();
  return (operation: Operation, status: number, contentType: string, text: string): string[] => {
    const declared = operation.responses[String(status)] ?? operation.responses.default;
    if (declared === undefined) return [`status ${status} is not in the document`];
    const mediaType = contentType.split(";")[0]?.trim() ?? "";
    if (declared.content === undefined || Object.keys(declared.content).length === 0) {
      return text.length === 0 ? [] : [`a body (${mediaType}) where the document says none`];
    }
    const media = declared.content[mediaType];
    if (media === undefined) return [`media type ${mediaType || "(none)"} is not in the document for ${status}`];
    if (media.schema === undefined || !/json$/.test(mediaType)) return [];
    const pointer = `openapi${operation.pointer}/responses/${status in operation.responses ? status : "default"}/content/${escapePointer(mediaType)}/schema`;
    let validate = compiled.get(pointer);
    if (validate === undefined) {
      validate = ajv.compile({ $ref: pointer });
      compiled.set(pointer, validate);
    }
    if (validate(JSON.parse(text))) return [];
    return (validate.errors ?? []).slice(0, 5).map((e) => `${e.instancePath || "/"} ${e.message}`);
  };
}

/** The same check for a scenario's own calls: an answer of the named operation, against the node's document. */
export function createAnswerCheck(doc: OpenApiDocument) {
  const validate = createResponseValidator(doc);
  const operations = new Map(operationsOf(doc).map((o) => [o.operationId, o]));
  return async (operationId: string, response: Response): Promise<string[]> => {
    const operation = operations.get(operationId);
    if (operation === undefined) return [`no operation ${operationId} in the document`];
    const text = await response.clone().text();
    return validate(operation, response.status, response.headers.get("content-type") ?? "", text);
  };
}
