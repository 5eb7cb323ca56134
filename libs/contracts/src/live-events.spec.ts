import { CHOICES, FLOOR_KINDS } from '@kenes/core';
import { LIVE_CHOICES, LIVE_FLOOR_KINDS } from './live-events';

describe('live contract', () => {
  it('names the same floor kinds and ballot choices as the core', () => {
    expect([...LIVE_FLOOR_KINDS]).toEqual([...FLOOR_KINDS]);
    expect([...LIVE_CHOICES]).toEqual([...CHOICES]);
  });
});
