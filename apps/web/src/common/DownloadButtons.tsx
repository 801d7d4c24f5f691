import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Space, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { errorText } from '../api/client';

/** 导出 Excel / 导出 CSV: `download` saves the file and answers its name, shown when done. */
export function DownloadButtons({ download, note }: { download: (format: 'csv' | 'xlsx') => Promise<string>; note?: ReactNode }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState<'csv' | 'xlsx' | null>(null);
  const run = async (format: 'csv' | 'xlsx') => {
    setBusy(format);
    try {
      const name = await download(format);
      message.success(`已下载 ${name}`);
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(null);
    }
  };
  return (
    <Space wrap style={{ marginTop: 12 }}>
      <Button icon={<DownloadOutlined />} loading={busy === 'xlsx'} onClick={() => run('xlsx')}>
        导出 Excel
      </Button>
      <Button icon={<DownloadOutlined />} loading={busy === 'csv'} onClick={() => run('csv')}>
        导出 CSV
      </Button>
      {note && <Typography.Text type="secondary">{note}</Typography.Text>}
    </Space>
  );
}
