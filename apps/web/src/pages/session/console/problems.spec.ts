import { problemMessage } from './problems';

describe('a refusal’s message', () => {
  it('is the problem’s detail, else its title, else the fallback', () => {
    expect(problemMessage({ title: 'Conflict', detail: 'An agenda item is opened while the session is live.' }, 'x')).toBe('An agenda item is opened while the session is live.');
    expect(problemMessage({ title: 'Conflict', detail: '' }, 'x')).toBe('Conflict');
    expect(problemMessage(undefined, 'The server did not answer in time.')).toBe('The server did not answer in time.');
  });

  it('names the fields a 400 lists, once', () => {
    expect(problemMessage({ title: 'Bad Request', detail: 'Validation failed.', errors: [{ field: 'seconds', message: 'must not be greater than 3600' }] }, 'x')).toBe(
      'Validation failed. (seconds: must not be greater than 3600)',
    );
    expect(problemMessage({ detail: 'seconds: must be an integer', errors: [{ field: 'seconds', message: 'must be an integer' }] }, 'x')).toBe('seconds: must be an integer');
  });
});
