import { Alert, App, Button, DatePicker, Form, Input, InputNumber, Modal, Result, Select, Space, Table, TimePicker, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import type { Schemas } from '../api/client';
import { ApiError, errorText } from '../api/client';
import { orgDateOf } from '../common/org-local';
import { formatDateTimeWeekday } from '../common/org-time';
import { useMenus } from '../sessions/sessions.queries';
import { UnitAndTitleItems } from '../sessions/UnitAndTitleItems';
import { useCreateSeries } from './calendar.queries';
import { explainServerMessage } from './menu-rules';

interface SeriesForm {
  unitId: string;
  title: string;
  menuId: string;
  range: [Dayjs, Dayjs];
  weekday: number;
  startTime: Dayjs;
  durationMinutes: number;
  location?: string;
  skips?: { date?: Dayjs; reason?: string }[];
}

export interface SkippedRow {
  date: string;
  reason: string;
}

const WEEKDAYS = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'];

/**
 * Every date the series left out and why: the dates the organiser skipped (with their reason), and
 * those the api returned in `skipped` (already scheduled for that unit at that time, or — with contract
 * v1.1 — not a working day).
 */
export function skippedRows(asked: { date: string; reason?: string }[], result: Schemas['SeriesResultDto']): SkippedRow[] {
  const rows: SkippedRow[] = asked.map((s) => ({ date: s.date, reason: s.reason?.trim() || '手动跳过' }));
  for (const s of result.skipped) {
    rows.push({
      date: orgDateOf(s.startsAt),
      reason: s.reason === 'holiday' ? `非工作日${s.name ? `（${s.name}）` : ''}` : `该时间已有活动「${s.title}」，未重复创建`,
    });
  }
  return rows.sort((a, b) => a.date.localeCompare(b.date));
}

/** Organiser: a weekly series of Friday study drafts from a menu, with skipped dates and reasons. */
export function SeriesModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<SeriesForm>();
  const menus = useMenus();
  const create = useCreateSeries();
  const { message } = App.useApp();
  const [outcome, setOutcome] = useState<{ result: Schemas['SeriesResultDto']; skipped: SkippedRow[] } | null>(null);
  const [serverError, setServerError] = useState<string | null>(null);

  const submit = (v: SeriesForm) => {
    setServerError(null);
    const skips = (v.skips ?? []).filter((s) => s.date).map((s) => ({ date: s.date!.format('YYYY-MM-DD'), reason: s.reason }));
    create.mutate(
      {
        unitId: v.unitId,
        title: v.title,
        menuId: v.menuId,
        from: v.range[0].format('YYYY-MM-DD'),
        until: v.range[1].format('YYYY-MM-DD'),
        weekday: v.weekday,
        startTime: v.startTime.format('HH:mm'),
        durationMinutes: v.durationMinutes,
        location: v.location || null,
        skipDates: skips.map((s) => s.date),
      },
      {
        onSuccess: (result) => {
          setOutcome({ result, skipped: skippedRows(skips, result) });
          message.success(`已创建 ${result.created.length} 场草稿`);
        },
        onError: (e) => setServerError(e instanceof ApiError && e.status === 400 ? explainServerMessage(e.message) : errorText(e)),
      },
    );
  };

  const close = () => {
    setOutcome(null);
    setServerError(null);
    form.resetFields();
    onClose();
  };

  return (
    <Modal
      open={open}
      title="按周批量安排集中学习"
      width={640}
      onCancel={close}
      footer={
        outcome ? (
          <Button type="primary" onClick={close}>
            完成
          </Button>
        ) : (
          <Space>
            <Button onClick={close}>取消</Button>
            <Button type="primary" loading={create.isPending} onClick={() => form.submit()}>
              生成草稿
            </Button>
          </Space>
        )
      }
    >
      {outcome ? (
        <div data-testid="series-result">
          <Result
            status="success"
            style={{ padding: 8 }}
            title={`已创建 ${outcome.result.created.length} 场草稿`}
            subTitle="草稿仅组织员可见；在日历中逐场发布后通知应到人员。"
          />
          {outcome.result.created.length > 0 && (
            <Typography.Paragraph>
              {outcome.result.created.map((s) => formatDateTimeWeekday(s.startsAt)).join('；')}
            </Typography.Paragraph>
          )}
          {outcome.skipped.length > 0 && (
            <Table<SkippedRow>
              data-testid="series-skipped"
              size="small"
              rowKey="date"
              pagination={false}
              title={() => `跳过 ${outcome.skipped.length} 个日期`}
              dataSource={outcome.skipped}
              columns={[
                { title: '日期', dataIndex: 'date' },
                { title: '原因', dataIndex: 'reason' },
              ]}
            />
          )}
        </div>
      ) : (
        <Form
          form={form}
          layout="vertical"
          onFinish={submit}
          initialValues={{ title: '每周五集中学习', weekday: 5, startTime: dayjs('2000-01-01 15:00'), durationMinutes: 90 }}
        >
          <UnitAndTitleItems />
          <Form.Item
            label="学习套餐"
            name="menuId"
            rules={[{ required: true, message: '请选择学习套餐' }]}
            extra={<Link to="/manage/menus">没有合适的套餐？去搭配</Link>}
          >
            <Select showSearch optionFilterProp="label" options={(menus.data?.items ?? []).map((m) => ({ value: m.id, label: m.name }))} />
          </Form.Item>
          <Form.Item label="起止日期" name="range" rules={[{ required: true, message: '请选择起止日期' }]}>
            <DatePicker.RangePicker style={{ width: '100%' }} />
          </Form.Item>
          <Space wrap>
            <Form.Item label="每周" name="weekday">
              <Select style={{ width: 90 }} options={WEEKDAYS.map((label, i) => ({ value: i + 1, label }))} />
            </Form.Item>
            <Form.Item label="开始时间" name="startTime" rules={[{ required: true, message: '请选择开始时间' }]}>
              <TimePicker format="HH:mm" minuteStep={5} />
            </Form.Item>
            <Form.Item label="时长（分钟）" name="durationMinutes" rules={[{ required: true, message: '请填写时长' }]}>
              <InputNumber min={10} max={1440} step={15} />
            </Form.Item>
          </Space>
          <Form.Item label="地点" name="location">
            <Input maxLength={200} />
          </Form.Item>
          <Typography.Text strong>跳过的日期</Typography.Text>
          <Form.List name="skips">
            {(fields, { add, remove }) => (
              <Space direction="vertical" style={{ width: '100%', marginTop: 8 }}>
                {fields.map((f) => (
                  <Space key={f.key} wrap>
                    <Form.Item name={[f.name, 'date']} style={{ marginBottom: 0 }} rules={[{ required: true, message: '请选择日期' }]}>
                      <DatePicker aria-label="跳过日期" />
                    </Form.Item>
                    <Form.Item name={[f.name, 'reason']} style={{ marginBottom: 0 }}>
                      <Input placeholder="原因，如：元旦放假" maxLength={50} />
                    </Form.Item>
                    <Button aria-label="删除" icon={<DeleteOutlined />} onClick={() => remove(f.name)} />
                  </Space>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()}>
                  添加跳过日期
                </Button>
              </Space>
            )}
          </Form.List>
          {serverError && <Alert style={{ marginTop: 12 }} type="error" showIcon message="未能生成" description={serverError} />}
        </Form>
      )}
    </Modal>
  );
}
