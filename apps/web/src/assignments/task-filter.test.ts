import { describe, expect, it } from 'vitest';
import { taskFilterFrom, withTaskFilter } from './task-filter';

describe('task board filter in the URL', () => {
  it('reads the 三色预警 and status filters from the search params', () => {
    expect(taskFilterFrom(new URLSearchParams('warning=red'))).toEqual({ warning: 'red' });
    expect(taskFilterFrom(new URLSearchParams('?status=submitted&warning=orange'))).toEqual({ status: 'submitted', warning: 'orange' });
    expect(taskFilterFrom(new URLSearchParams(''))).toEqual({});
  });

  it('ignores values the api does not know', () => {
    expect(taskFilterFrom(new URLSearchParams('warning=purple&status=toString'))).toEqual({});
  });

  it('sets and clears one key, keeping the others', () => {
    const red = withTaskFilter(new URLSearchParams('warning=red&x=1'), 'status', 'returned');
    expect(red.toString()).toBe('warning=red&x=1&status=returned');
    expect(withTaskFilter(red, 'warning', undefined).toString()).toBe('x=1&status=returned');
  });
});
