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
    ['コーヒー', 4],
    ['ラーメン', 4],
    ['\u3000\u3000学习体会', 4],
    ['\u3000', 0],
  ])('%j counts %i', (text, expected) => {
    expect(countChars(text)).toBe(expected);
  });

  it('treats the full-width space U+3000 as whitespace: it counts 0 and breaks a word', () => {
    expect(countChars('\u3000\u3000第一段。\n\u3000\u3000第二段。')).toBe(8);
    expect(countChars('abc\u3000def')).toBe(2);
  });

  it('counts the prolonged sound mark ー (U+30FC) and its half-width form ｰ as one each', () => {
    expect(countChars('ー')).toBe(1);
    expect(countChars('ｺｰﾋｰ')).toBe(4);
  });

  it('treats half-width punctuation as a word break, not a character', () => {
    expect(countChars('abc-def')).toBe(2);
  });
});
