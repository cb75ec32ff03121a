import { describe, expect, it } from 'vitest';
import { PhrasingTable } from '../../src/nlu/phrasings.js';

// Feature ids 0..5; procedure 0 has two phrasings, procedure 1 one.
const table = new PhrasingTable(
  [
    [
      [0, 1],
      [2, 3, 4],
    ],
    [[0, 5]],
  ],
  6,
);
const query = (ids: number[]): [Int32Array, Float64Array, number] => [Int32Array.from(ids), Float64Array.from(ids, () => 1), ids.length];

describe('nearest phrasings', () => {
  it('scores a procedure by its best single phrasing, not by the sum of its phrasings', () => {
    const both = table.best(0, ...query([0, 1, 2]));
    const first = table.best(0, ...query([0, 1]));
    const second = table.best(0, ...query([2]));
    expect(second).toBeGreaterThan(0);
    expect(both).toBeCloseTo(Math.max(first, second), 9);
    expect(both).toBeLessThan(first + second);
  });

  it('only looks at the asked procedure and scores nothing for unknown features', () => {
    expect(table.best(1, ...query([1, 2, 3]))).toBe(0);
    expect(table.best(1, ...query([5]))).toBeGreaterThan(0);
    expect(table.best(0, ...query([])), 'empty query').toBe(0);
  });

  it('gives a rarer feature more weight than a common one', () => {
    // Feature 0 is in two phrasings, feature 5 in one.
    expect(table.best(1, ...query([5]))).toBeGreaterThan(table.best(1, ...query([0])));
  });
});
