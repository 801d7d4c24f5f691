import { App, Button, Card, Form, Input } from 'antd';
import { errorText } from '../api/client';
import { useChangePassword, useLogout } from './identity.queries';
import { LOGIN_NOTICE_KEY } from './LoginPage';

export function ChangePasswordPage() {
  const change = useChangePassword();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const logout = useLogout();
  return (
    <Card title="修改密码" style={{ maxWidth: 480 }}>
      <Form
        form={form}
        layout="vertical"
        onFinish={(v: { currentPassword: string; newPassword: string }) =>
          change.mutate(
            { currentPassword: v.currentPassword, newPassword: v.newPassword },
            {
              onSuccess: () => {
                // Every token is revoked: back to the login page, which says why.
                sessionStorage.setItem(LOGIN_NOTICE_KEY, 'password-changed');
                logout();
              },
              onError: (err) => message.error(errorText(err)),
            },
          )
        }
      >
        <Form.Item label="当前密码" name="currentPassword" rules={[{ required: true, message: '请输入当前密码' }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item label="新密码" name="newPassword" rules={[{ required: true, min: 10, message: '新密码至少 10 个字符' }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          label="确认新密码"
          name="confirm"
          dependencies={['newPassword']}
          rules={[
            { required: true, message: '请再次输入新密码' },
            ({ getFieldValue }) => ({
              validator: (_, value) => (value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error('两次输入的新密码不一致'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={change.isPending}>
          保存
        </Button>
      </Form>
    </Card>
  );
}
