import { Progress } from 'antd';
import type { Schemas } from '../api/client';

/** The caller's own progress on a list: required items finished. */
export function ReadingProgressBar({ own }: { own: Schemas['OwnTotalsDto'] }) {
  return <Progress percent={Math.round(own.completion * 100)} size="small" format={() => `${own.finishedRequired}/${own.required}`} />;
}
