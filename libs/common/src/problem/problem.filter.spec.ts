import { DatabaseError } from 'pg';
import { QueryFailedError } from 'typeorm';
import { toProblem } from './problem.filter';

const pgError = (code: string) => Object.assign(new DatabaseError('invalid byte sequence for encoding "UTF8": 0x00', 60, 'error'), { code, severity: 'ERROR' });

describe('toProblem and PostgreSQL errors', () => {
  it.each(['22021', '22P02', '22P05', '22001', '22003', '22007', '22008'])('maps a data exception %s straight from pg (DatabaseError) to 400', (code) => {
    const { body } = toProblem(pgError(code));
    expect(body).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', errors: [{ field: 'request', message: expect.any(String) }] });
  });

  it('maps the same through TypeORM (QueryFailedError) to 400', () => {
    const { body } = toProblem(new QueryFailedError('SELECT $1', ['a\u0000b'], pgError('22021')));
    expect(body).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
  });

  it('maps a unique violation from either path to 409', () => {
    expect(toProblem(pgError('23505')).body.status).toBe(409);
    expect(toProblem(new QueryFailedError('INSERT', [], pgError('23505'))).body.status).toBe(409);
  });

  it('maps a data exception from another copy of pg (same shape, other class) to 400', () => {
    const foreign = Object.assign(new Error('invalid input syntax for type uuid'), { code: '22P02', severity: 'ERROR' });
    expect(toProblem(foreign).body.status).toBe(400);
  });

  it('keeps other database errors and plain errors with a code as a hidden 500', () => {
    const logged: string[] = [];
    const logger = { error: (m: string) => logged.push(m) } as never;
    expect(toProblem(pgError('40P01'), logger).body.status).toBe(500);
    expect(toProblem(Object.assign(new Error('nope'), { code: 'ENOENT' }), logger).body.status).toBe(500);
    expect(logged).toHaveLength(2);
  });
});
