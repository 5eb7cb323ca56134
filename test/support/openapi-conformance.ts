import Ajv2020, { ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { Response } from 'supertest';

/**
 * Checks every response an end-to-end test receives against the OpenAPI document the app serves:
 * the status must be declared for the operation, the media type declared for that status, a JSON
 * body must match the declared schema, and an operation that needs a token must not answer a
 * request without one with a success. A mismatch fails the request (and so the test) with what
 * differs. Paths outside the document (the web app, unknown routes) are not checked.
 */
export class OpenApiConformance {
  private readonly ajv: Ajv2020;
  private readonly operations: { method: string; pattern: RegExp; template: string; op: Operation }[] = [];
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(private readonly doc: OpenApiDocument) {
    this.ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
    addFormats(this.ajv);
    this.ajv.addSchema({ $id: 'doc', components: doc.components ?? {} });
    for (const [template, item] of Object.entries(doc.paths ?? {})) {
      const pattern = new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^/}]+\}/g, '[^/]+')}$`);
      for (const [method, op] of Object.entries(item as Record<string, Operation>)) {
        if (!op || typeof op !== 'object' || !op.responses) continue;
        this.operations.push({ method: method.toUpperCase(), pattern, template, op });
      }
    }
    // A literal segment wins over a parameter (`/councils/mine` before `/councils/{id}`).
    this.operations.sort((a, b) => literalWeight(b.template) - literalWeight(a.template));
  }

  /** The problems found with one response; empty when it conforms or is not described. */
  check(method: string, url: string, res: Pick<Response, 'status' | 'headers' | 'body' | 'text'>, hadToken: boolean): string[] {
    const path = new URL(url, 'http://x').pathname;
    const found = this.operations.find((o) => o.method === method.toUpperCase() && o.pattern.test(path));
    if (!found) return [];
    const where = `${method.toUpperCase()} ${found.template} → ${res.status}`;
    const problems: string[] = [];
    if (!hadToken && res.status < 300 && requiresToken(found.op, this.doc)) {
      problems.push(`${where}: answered without a token but the document says a bearer token is required`);
    }
    const declared = found.op.responses[String(res.status)] ?? found.op.responses.default;
    if (!declared) return [...problems, `${where}: status not declared (declared: ${Object.keys(found.op.responses).join(', ')})`];
    const contentType = String(res.headers['content-type'] ?? '').split(';')[0].trim();
    const hasBody = (res.text ?? '').length > 0;
    if (!hasBody || method.toUpperCase() === 'HEAD') return problems;
    const media = declared.content?.[contentType];
    if (!media) {
      return [...problems, `${where}: content type ${contentType || '(none)'} not declared (declared: ${Object.keys(declared.content ?? {}).join(', ') || 'no content'})`];
    }
    if (!/json/.test(contentType) || !media.schema) return problems;
    const validate = this.validator(`${where}|${contentType}`, media.schema);
    if (!validate(res.body)) {
      const details = (validate.errors ?? []).slice(0, 8).map((e) => `${e.instancePath || '/'} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`);
      problems.push(`${where}: body does not match the declared schema:\n  ${details.join('\n  ')}\n  body: ${JSON.stringify(res.body).slice(0, 600)}`);
    }
    return problems;
  }

  private validator(key: string, schema: unknown): ValidateFunction {
    let fn = this.compiled.get(key);
    if (!fn) {
      fn = this.ajv.compile(rewriteRefs(schema) as object);
      this.compiled.set(key, fn);
    }
    return fn;
  }
}

interface Operation {
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
  security?: Record<string, string[]>[];
}

export interface OpenApiDocument {
  paths?: Record<string, unknown>;
  components?: Record<string, unknown>;
  security?: Record<string, string[]>[];
}

function literalWeight(template: string): number {
  return template.split('/').filter((s) => s && !s.startsWith('{')).length;
}

function requiresToken(op: Operation, doc: OpenApiDocument): boolean {
  const security = op.security ?? doc.security ?? [];
  return security.length > 0 && !security.some((s) => Object.keys(s).length === 0);
}

/** `#/components/...` resolves inside the schema registered as `doc`. */
function rewriteRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewriteRefs);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    out[k] = k === '$ref' && typeof v === 'string' && v.startsWith('#/') ? `doc${v}` : rewriteRefs(v);
  }
  return out;
}
