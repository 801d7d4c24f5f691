import { Spin } from 'antd';
import type { ReactNode } from 'react';
import { errorText } from '../api/client';
import { Alert } from './Alert';

/** Loading spinner, error message, or the content once a query has data. */
export function PageState({ loading, error, children }: { loading: boolean; error: unknown; children: ReactNode }) {
  if (loading) return <Spin style={{ display: 'block', margin: '48px auto' }} tip="加载中…"><div /></Spin>;
  if (error) return <Alert type="error" showIcon message="加载失败" description={errorText(error)} />;
  return <>{children}</>;
}
