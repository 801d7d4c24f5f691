import type { AlertProps } from 'antd';
import { lazy, Suspense } from 'react';

const AntAlert = lazy(() => import('antd/es/alert'));

/**
 * antd Alert, loaded when one is first shown. The login page, the home page and every page's error
 * state use it, but only for notices and failures; loading it up front cost the member's first page
 * ~3 KiB of its 200 KiB budget.
 */
export function Alert(props: AlertProps) {
  return (
    <Suspense fallback={null}>
      <AntAlert {...props} />
    </Suspense>
  );
}
