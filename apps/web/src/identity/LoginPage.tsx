import { Button, Space } from 'antd';
// Input and Password directly: antd's Input index also carries TextArea, Search, OTP and Group (~8 KiB).
import Input from 'antd/es/input/Input';
import Password from 'antd/es/input/Password';
import { useState, type FormEvent } from 'react';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { errorText } from '../api/client';
import { Alert } from '../common/Alert';
import { Text, Title } from '../common/Text';
import { useToken } from './auth-store';
import { useLogin } from './identity.queries';

/** sessionStorage key: why the person is back on the login page (e.g. their password changed). */
export const LOGIN_NOTICE_KEY = 'qf_login_notice';

/** Only same-site paths are followed after login. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function LoginPage() {
  const [params] = useSearchParams();
  const [notice] = useState(() => sessionStorage.getItem(LOGIN_NOTICE_KEY));
  const requested = safeNext(params.get('next'));
  const next = notice === 'password-changed' && requested === '/password' ? '/' : requested;
  const navigate = useNavigate();
  const token = useToken();
  const login = useLogin();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState(false);
  if (token && !login.isPending) return <Navigate to={next} replace />;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!username.trim() || !password) return setMissing(true);
    login.mutate(
      { username: username.trim(), password },
      {
        onSuccess: () => {
          sessionStorage.removeItem(LOGIN_NOTICE_KEY);
          navigate(next, { replace: true });
        },
      },
    );
  };

  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#f5f5f5', padding: 16 }}>
      <div style={{ width: '100%', maxWidth: 380, background: '#fff', borderRadius: 8, padding: 24, boxShadow: '0 1px 4px rgba(0,0,0,0.08)' }}>
        <Title level={3} style={{ textAlign: 'center', color: '#b71c1c' }}>
          清风 · 学习教育平台
        </Title>
        {notice === 'password-changed' && <Alert type="success" showIcon style={{ marginBottom: 16 }} message="密码已修改，请使用新密码登录" />}
        {next.startsWith('/check-in/') && <Alert type="info" showIcon style={{ marginBottom: 16 }} message="登录后将自动完成签到" />}
        {login.error && (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 16 }}
            message={(login.error as { status?: number }).status === 401 ? '用户名或密码错误' : errorText(login.error)}
          />
        )}
        {/* A plain form: antd Form (rc-form, async-validator) would add ~20 KiB to the first page. */}
        <form onSubmit={submit} noValidate>
          <Space direction="vertical" size="middle" style={{ width: '100%' }}>
            <label style={{ display: 'block' }}>
              <div style={{ marginBottom: 6 }}>用户名</div>
              <Input
                prefix={<UserOutlined />}
                autoComplete="username"
                autoCapitalize="off"
                value={username}
                onChange={(e) => setUsername(e.target.value)}
                status={missing && !username.trim() ? 'error' : undefined}
              />
            </label>
            <label style={{ display: 'block' }}>
              <div style={{ marginBottom: 6 }}>密码</div>
              <Password
                prefix={<LockOutlined />}
                autoComplete="current-password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                status={missing && !password ? 'error' : undefined}
              />
            </label>
            {missing && (!username.trim() || !password) && <Text type="danger">请输入用户名和密码</Text>}
            <Button type="primary" htmlType="submit" block loading={login.isPending}>
              登录
            </Button>
          </Space>
        </form>
      </div>
    </div>
  );
}
