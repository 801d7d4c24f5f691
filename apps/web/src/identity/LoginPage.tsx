import { Alert, Button, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { errorText } from '../api/client';
import { useToken } from './auth-store';
import { useLogin } from './identity.queries';

/** Only same-site paths are followed after login. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function LoginPage() {
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const navigate = useNavigate();
  const token = useToken();
  const login = useLogin();
  if (token && !login.isPending) return <Navigate to={next} replace />;

  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#f5f5f5', padding: 16 }}>
      <div style={{ width: '100%', maxWidth: 380, background: '#fff', borderRadius: 8, padding: 24, boxShadow: '0 1px 4px rgba(0,0,0,0.08)' }}>
        <Typography.Title level={3} style={{ textAlign: 'center', color: '#b71c1c' }}>
          清风 · 学习教育平台
        </Typography.Title>
        {next.startsWith('/check-in/') && <Alert type="info" showIcon style={{ marginBottom: 16 }} message="登录后将自动完成签到" />}
        {login.error && (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 16 }}
            message={(login.error as { status?: number }).status === 401 ? '用户名或密码错误' : errorText(login.error)}
          />
        )}
        <Form
          layout="vertical"
          onFinish={(values: { username: string; password: string }) => login.mutate(values, { onSuccess: () => navigate(next, { replace: true }) })}
        >
          <Form.Item label="用户名" name="username" rules={[{ required: true, message: '请输入用户名' }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoCapitalize="off" />
          </Form.Item>
          <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={login.isPending}>
            登录
          </Button>
        </Form>
      </div>
    </div>
  );
}
