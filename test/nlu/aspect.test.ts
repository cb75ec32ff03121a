import { describe, expect, it } from 'vitest';
import { pickAspect } from '../../src/nlu/analyse.js';

describe('pickAspect', () => {
  it('prefers a specific aspect over an overview cue, even a longer or earlier one', () => {
    expect(pickAspect([{ aspect: 'overview', start: 0, end: 2 }, { aspect: 'duration', start: 3, end: 5 }])).toBe('duration');
    expect(pickAspect([{ aspect: 'overview', start: 0, end: 3 }, { aspect: 'online', start: 4, end: 5 }])).toBe('online');
  });

  it('prefers a specific aspect over a how-to (steps) cue', () => {
    expect(pickAspect([{ aspect: 'steps', start: 0, end: 2 }, { aspect: 'online', start: 5, end: 6 }])).toBe('online');
    expect(pickAspect([{ aspect: 'online', start: 0, end: 1 }, { aspect: 'steps', start: 2, end: 5 }])).toBe('online');
  });

  it('takes the longest cue among specific aspects, then the first asked', () => {
    expect(pickAspect([{ aspect: 'fee', start: 0, end: 2 }, { aspect: 'duration', start: 3, end: 6 }])).toBe('duration');
    expect(pickAspect([{ aspect: 'place', start: 0, end: 2 }, { aspect: 'fee', start: 3, end: 5 }])).toBe('place');
    expect(pickAspect([{ aspect: 'steps', start: 0, end: 2 }])).toBe('steps');
    expect(pickAspect([])).toBeNull();
  });
});
