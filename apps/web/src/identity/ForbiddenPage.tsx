import { Button, Result } from 'antd';
import { Link } from 'react-router';

/** Shown in place of a page the person's role may not open. */
export function ForbiddenPage() {
  return (
    <Result
      status="403"
      title="无权访问"
      subTitle="您的账号没有打开此页面的权限。如需使用，请联系本单位组织员或系统管理员。"
      extra={
        <Link to="/">
          <Button type="primary">返回首页</Button>
        </Link>
      }
    />
  );
}
