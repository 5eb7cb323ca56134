/**
 * @nestjs/swagger writes OpenAPI 3.0 schemas (`nullable: true`, `allOf` around a `$ref` to add a
 * description). OpenAPI 3.1 schemas are JSON Schema 2020-12, where a value that may be null says so
 * in its type. This rewrites a generated document's schemas in place so that every field that comes
 * back `null` is declared as such, and a `$ref` that may be null is a `oneOf` with `null`.
 */
export function toOpenApi31Schemas(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toOpenApi31Schemas);
  if (!node || typeof node !== 'object') return node;
  const schema: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) schema[key] = toOpenApi31Schemas(value);
  if (schema.nullable === undefined) return schema;
  const nullable = schema.nullable === true;
  delete schema.nullable;
  if (!nullable) return schema;
  const composed = schema.allOf !== undefined || schema.$ref !== undefined || schema.oneOf !== undefined || schema.anyOf !== undefined;
  if (composed && schema.type === 'object') delete schema.type;
  if (!composed && typeof schema.type === 'string') {
    schema.type = [schema.type, 'null'];
    if (Array.isArray(schema.enum) && !schema.enum.includes(null)) schema.enum = [...schema.enum, null];
    return schema;
  }
  if (!composed && Array.isArray(schema.type)) {
    if (!schema.type.includes('null')) schema.type = [...schema.type, 'null'];
    return schema;
  }
  // A reference, a composition or an untyped schema: "this, or null".
  const { description, example, examples, default: fallback, title, ...rest } = schema;
  const inner = Array.isArray(rest.allOf) && rest.allOf.length === 1 && Object.keys(rest).length === 1 ? (rest.allOf[0] as object) : rest;
  const out: Record<string, unknown> = { oneOf: [inner, { type: 'null' }] };
  if (title !== undefined) out.title = title;
  if (description !== undefined) out.description = description;
  if (example !== undefined) out.example = example;
  if (examples !== undefined) out.examples = examples;
  if (fallback !== undefined) out.default = fallback;
  return out;
}
