import { Typography } from 'antd';
import { countChars } from '@libs/common/char-count';

/** Live 字数 of a text, counted by the server's own function (libs/common), with the minimum. */
export function CharCounter({ text, min, max }: { text: string; min?: number; max?: number }) {
  const count = countChars(text);
  const short = min !== undefined && count < min;
  const over = max !== undefined && count > max;
  return (
    <Typography.Text type={short || over ? 'danger' : 'success'} data-testid="char-count" data-count={count}>
      字数 {count}
      {min !== undefined && ` / 最少 ${min}`}
      {short && `（还差 ${min! - count} 字）`}
      {over && `（超出上限 ${max} 字）`}
    </Typography.Text>
  );
}
