import { Button, Result } from 'antd';
import { Link } from 'react-router';

/** Shown in place of a page the person's role may not open. */
export function ForbiddenPage({ subTitle = '您的账号没有打开此页面的权限。如需使用，请联系本单位组织员或系统管理员。' }: { subTitle?: string }) {
  return (
    <Result
      status="403"
      title="无权访问"
      subTitle={subTitle}
      extra={
        <Link to="/">
          <Button type="primary">返回首页</Button>
        </Link>
      }
    />
  );
}
