import { describe, expect, it } from 'vitest';
import { DEFAULT_REQUIRED_KINDS, explainServerMessage, missingMainKinds } from './menu-rules';

describe('menu builder: the main-course rule (理论、党史、红歌 as 主菜)', () => {
  it('names the required kinds not covered by a main course; side dishes do not count', () => {
    expect(missingMainKinds([], DEFAULT_REQUIRED_KINDS)).toEqual(['theory', 'history', 'song']);
    expect(
      missingMainKinds(
        [
          { kind: 'theory', course: 'main' },
          { kind: 'history', course: 'side' },
          { kind: 'song', course: 'main' },
          { kind: 'integrity', course: 'main' },
        ],
        DEFAULT_REQUIRED_KINDS,
      ),
    ).toEqual(['history']);
    expect(missingMainKinds([{ kind: 'integrity', course: 'main' }], ['integrity'])).toEqual([]);
  });

  it('mirrors the api’s 400 message in Chinese, keeping its words', () => {
    const server = 'menu must have a main course of each required kind (theory, history, song); missing: history, song';
    expect(explainServerMessage(server)).toBe(`还缺少必点主菜：党史故事、红色歌曲。每个必点类别至少要有一道「主菜」。（服务器：${server}）`);
    expect(explainServerMessage('name must not be empty')).toBe('name must not be empty');
  });
});
