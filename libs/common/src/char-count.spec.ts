import { countChars } from './char-count';

describe('countChars (字数)', () => {
  it.each([
    ['ABC123', 1],
    ['Deng Xiaoping', 2],
    ['東京2024オリンピック', 9],
    ['中国共产党', 5],
    ['，。、；：？！“”‘’（）《》【】—…·', 20],
    ['ＡＢＣ１２３', 6],
    ['한국어', 3],
    ['ひらがな', 4],
    ['  \t\n', 0],
    ['a, b. c!', 3],
    ['学习《中国共产党纪律处分条例》，深受教育。', 21],
    ['第2次会议', 5],
    ['', 0],
  ])('%j counts %i', (text, expected) => {
    expect(countChars(text)).toBe(expected);
  });

  it('treats half-width punctuation as a word break, not a character', () => {
    expect(countChars('abc-def')).toBe(2);
  });
});
