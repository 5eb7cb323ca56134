import { toOpenApi31Schemas } from './openapi-31';

describe('toOpenApi31Schemas', () => {
  it('adds null to the type of a nullable scalar, and to its enum', () => {
    expect(toOpenApi31Schemas({ type: 'string', nullable: true, enum: ['a', 'b'] })).toEqual({ type: ['string', 'null'], enum: ['a', 'b', null] });
    expect(toOpenApi31Schemas({ type: 'integer', nullable: true })).toEqual({ type: ['integer', 'null'] });
  });

  it('makes a nullable reference "the reference, or null", keeping its description', () => {
    expect(toOpenApi31Schemas({ type: 'object', nullable: true, description: 'd', allOf: [{ $ref: '#/components/schemas/X' }] })).toEqual({
      oneOf: [{ $ref: '#/components/schemas/X' }, { type: 'null' }],
      description: 'd',
    });
    expect(toOpenApi31Schemas({ $ref: '#/components/schemas/X', nullable: true })).toEqual({ oneOf: [{ $ref: '#/components/schemas/X' }, { type: 'null' }] });
  });

  it('rewrites nested schemas and leaves the rest alone', () => {
    const input = { properties: { a: { type: 'array', nullable: true, items: { type: 'string', nullable: false } }, b: { type: 'boolean' } } };
    expect(toOpenApi31Schemas(input)).toEqual({ properties: { a: { type: ['array', 'null'], items: { type: 'string' } }, b: { type: 'boolean' } } });
  });
});
