import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { PUBLIC_EXTENSION } from '@kenes/common';
import { toOpenApi31Schemas } from './openapi-31';

const PROBLEM_SCHEMA = {
  type: 'object',
  description: 'RFC 9457 problem details',
  required: ['type', 'title', 'status', 'detail'],
  properties: {
    type: { type: 'string', example: 'urn:kenes:problem:validation-failed' },
    title: { type: 'string', example: 'Bad Request' },
    status: { type: 'integer', example: 400 },
    detail: { type: 'string' },
    code: { type: 'string', example: 'VALIDATION_FAILED' },
    requestId: { type: 'string' },
    errors: {
      type: 'array',
      items: { type: 'object', required: ['field', 'message'], properties: { field: { type: 'string' }, message: { type: 'string' } } },
    },
  },
} as const;

const ERROR_STATUSES: Record<string, string> = {
  '400': 'Invalid input (body, query or path); `errors` names each field',
  '401': 'Missing or invalid access token',
  '403': 'Your role does not allow this',
  '404': 'Not found, or out of your reach',
  '409': 'Conflicts with the current state',
  '429': 'Rate limited',
  '500': 'The server could not answer (an integrity check refused to go on, say); quote `requestId` when reporting it',
};

/** Every operation answers problems; say so once for all of them. */
function withProblems(doc: OpenAPIObject): OpenAPIObject {
  doc.components = doc.components ?? {};
  doc.components.schemas = { ...(doc.components.schemas ?? {}), Problem: PROBLEM_SCHEMA as never };
  const content = { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } };
  for (const item of Object.values(doc.paths)) {
    for (const op of Object.values(item) as { responses?: Record<string, unknown> }[]) {
      if (!op || typeof op !== 'object' || !('responses' in op)) continue;
      op.responses = op.responses ?? {};
      for (const [status, description] of Object.entries(ERROR_STATUSES)) {
        const existing = op.responses[status] as { description?: string } | undefined;
        op.responses[status] = { description: existing?.description ?? description, content };
      }
      // Problems an operation declares itself (412, 428, …) are problem documents too.
      for (const [status, response] of Object.entries(op.responses) as [string, { description?: string; content?: unknown }][]) {
        if (Number(status) >= 400 && !response.content) op.responses[status] = { ...response, content };
      }
      withOptionalToken(op as Record<string, unknown>);
    }
  }
  return doc;
}

/**
 * A @Public() route answers without a token (and identifies the caller when one is sent): its
 * security is "none, or a bearer token", not "a bearer token".
 */
function withOptionalToken(op: Record<string, unknown>): void {
  if (op[PUBLIC_EXTENSION] !== true) return;
  delete op[PUBLIC_EXTENSION];
  if (Array.isArray(op.security) && op.security.length) op.security = [{}, ...op.security];
}

export function buildOpenApi(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Kenes API')
    .setDescription('Deliberation platform for running councils: identity, councils, proposals, polls, live sessions, implementation.')
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .setOpenAPIVersion('3.1.0')
    .build();
  const doc = SwaggerModule.createDocument(app, config);
  doc.paths = toOpenApi31Schemas(doc.paths) as OpenAPIObject['paths'];
  doc.components = toOpenApi31Schemas(doc.components) as OpenAPIObject['components'];
  return withProblems(doc);
}

export function mountDocs(app: INestApplication): void {
  SwaggerModule.setup('docs', app, () => buildOpenApi(app), { jsonDocumentUrl: 'docs-json', useGlobalPrefix: false });
}
