import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Space } from 'antd';
import type { ReactNode } from 'react';

/** An organiser's list card: its title, the primary button that starts creating one more, and any other actions. */
export function CreateCard({
  title,
  createLabel,
  onCreate,
  actions,
  size,
  children,
}: {
  title: ReactNode;
  createLabel: string;
  onCreate: () => void;
  actions?: ReactNode;
  size?: 'small';
  children: ReactNode;
}) {
  return (
    <Card
      size={size}
      title={title}
      extra={
        <Space wrap>
          <Button type="primary" icon={<PlusOutlined />} onClick={onCreate}>
            {createLabel}
          </Button>
          {actions}
        </Space>
      }
    >
      {children}
    </Card>
  );
}
