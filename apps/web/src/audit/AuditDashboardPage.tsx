import { Alert, Button, Card, Col, Empty, List, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { lazy, Suspense, useMemo, useState } from 'react';
import type { Schemas } from '../api/client';
import { errorText } from '../api/client';
import { DownloadButtons } from '../common/DownloadButtons';
import { orgToday } from '../common/org-time';
import { PageState } from '../common/PageState';
import { RangeUnitFilter } from '../common/RangeUnitFilter';
import { unitNames } from '../common/unit-tree';
import { useUnits } from '../sessions/sessions.queries';
import { monthlyPoints, monthRanges, percent, unitPoints } from './attendance-aggregate';
import { downloadExport, useAnomalies, useAttendanceSummary, useChainVerification, useMonthlySummaries } from './audit.queries';
import { ANOMALY_LABELS } from './labels';

// ECharts is a chunk of its own, fetched only when the dashboard draws.
const AttendanceCharts = lazy(() => import('./AttendanceCharts'));

type Member = Schemas['MemberAttendanceDto'];

/** The last six calendar months up to today, in the organisation's time zone. */
function defaultRange(): [string, string] {
  const today = orgToday();
  const [y, m] = today.split('-').map(Number);
  const start = new Date(Date.UTC(y, m - 6, 1)).toISOString().slice(0, 10);
  return [start, today];
}

/** Auditor/admin: attendance by month and unit (ECharts), members, anomalies, exports, chain verification. */
export default function AuditDashboardPage() {
  const [[from, to], setRange] = useState(defaultRange);
  const [unitId, setUnitId] = useState<string | undefined>();
  const range = { from, to, unitId };
  const units = useUnits();
  const summary = useAttendanceSummary(range);
  const months = useMemo(() => monthRanges(from, to), [from, to]);
  const monthly = useMonthlySummaries(months, unitId);
  const anomalies = useAnomalies(range);
  const names = unitNames(units.data);
  const people = new Map((summary.data?.members ?? []).map((m) => [m.userId, m.displayName]));

  const monthsReady = monthly.every((q) => q.data);
  const byMonth = useMemo(() => monthlyPoints(months, monthly.map((q) => q.data?.totals)), [months, monthly]);
  // Without a chosen unit, a single top-level unit is opened up into its children.
  const roots = (units.data ?? []).filter((u) => !u.parentId);
  const chartRoot = unitId ?? (roots.length === 1 ? roots[0].id : undefined);
  const byUnit = useMemo(() => unitPoints(summary.data?.members ?? [], units.data ?? [], chartRoot), [summary.data, units.data, chartRoot]);

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card title="考勤审计" size="small">
        <Space wrap>
          <RangeUnitFilter
            from={from}
            to={to}
            onRange={setRange}
            unitId={unitId}
            onUnit={setUnitId}
            units={units.data}
            rangeLabel="日期范围"
            unitPlaceholder="全部单位"
          />
        </Space>
        <DownloadButtons download={(format) => downloadExport(format, range)} note={`导出已结束活动的考勤记录（${range.from} 至 ${range.to}）`} />
      </Card>

      <PageState loading={summary.isPending} error={summary.error}>
        {summary.data && (
          <Card size="small">
            <Row gutter={[16, 16]}>
              <Col xs={12} md={6}>
                <Statistic title="已结束活动" value={summary.data.sessions} suffix="场" />
              </Col>
              <Col xs={12} md={6}>
                <Statistic title="出勤率" value={percent(summary.data.totals.attendanceRate)} data-testid="total-rate" />
              </Col>
              <Col xs={12} md={6}>
                <Statistic title="出勤 / 应到" value={`${summary.data.totals.present + summary.data.totals.late} / ${summary.data.totals.expected}`} />
              </Col>
              <Col xs={12} md={6}>
                <Statistic title="缺席（已补学）" value={`${summary.data.totals.absent}（${summary.data.totals.madeUp}）`} />
              </Col>
            </Row>
          </Card>
        )}
      </PageState>

      <Card size="small" title="出勤率图表">
        {monthly.some((q) => q.error) && <Alert type="error" showIcon message={errorText(monthly.find((q) => q.error)?.error)} />}
        {monthsReady && summary.data ? (
          <Suspense fallback={<PageState loading error={null}>{null}</PageState>}>
            <AttendanceCharts byMonth={byMonth} byUnit={byUnit} />
          </Suspense>
        ) : (
          <PageState loading error={null}>{null}</PageState>
        )}
      </Card>

      <Card size="small" title="人员出勤明细">
        <Table<Member>
          rowKey="userId"
          size="small"
          scroll={{ x: 720 }}
          loading={summary.isPending}
          dataSource={summary.data?.members ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
          columns={[
            { title: '姓名', dataIndex: 'displayName', fixed: 'left', sorter: (a, b) => a.displayName.localeCompare(b.displayName, 'zh-CN') },
            {
              title: '出勤率',
              dataIndex: 'attendanceRate',
              defaultSortOrder: 'ascend',
              sorter: (a, b) => a.attendanceRate - b.attendanceRate,
              render: (r: number, m) => (m.expected ? <Tag color={r < 0.8 ? 'red' : r < 0.9 ? 'orange' : 'green'}>{percent(r)}</Tag> : '—'),
            },
            { title: '单位', dataIndex: 'unitId', render: (id: string) => names.get(id) ?? '—', sorter: (a, b) => (names.get(a.unitId) ?? '').localeCompare(names.get(b.unitId) ?? '', 'zh-CN') },
            { title: '应到', dataIndex: 'expected', sorter: (a, b) => a.expected - b.expected },
            { title: '出席', dataIndex: 'present', sorter: (a, b) => a.present - b.present },
            { title: '迟到', dataIndex: 'late', sorter: (a, b) => a.late - b.late },
            { title: '请假', dataIndex: 'excused', sorter: (a, b) => a.excused - b.excused },
            { title: '缺席', dataIndex: 'absent', sorter: (a, b) => a.absent - b.absent },
            { title: '补学', dataIndex: 'madeUp', sorter: (a, b) => a.madeUp - b.madeUp },
          ]}
        />
      </Card>

      <Card size="small" title="异常情况">
        <PageState loading={anomalies.isPending} error={anomalies.error}>
          {anomalies.data?.items.length ? (
            <List
              size="small"
              dataSource={anomalies.data.items}
              renderItem={(a) => (
                <List.Item>
                  <Space wrap>
                    <Tag color={ANOMALY_LABELS[a.kind]?.color}>{ANOMALY_LABELS[a.kind]?.label ?? a.kind}</Tag>
                    {a.userId && <Typography.Text strong>{people.get(a.userId) ?? ''}</Typography.Text>}
                    <Typography.Text>{a.detail}</Typography.Text>
                  </Space>
                </List.Item>
              )}
            />
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="范围内没有异常" />
          )}
        </PageState>
      </Card>

      <ChainVerification />
    </Space>
  );
}

function ChainVerification() {
  const [asked, setAsked] = useState(false);
  const verify = useChainVerification(asked);
  const result = verify.data;
  return (
    <Card size="small" title="考勤日志防篡改校验">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Button
          icon={<SafetyCertificateOutlined />}
          loading={verify.isFetching}
          onClick={() => (asked ? void verify.refetch() : setAsked(true))}
        >
          校验哈希链
        </Button>
        {verify.error && <Alert type="error" showIcon message="校验失败" description={errorText(verify.error)} />}
        {result && (
          <Alert
            data-testid="chain-result"
            type={result.ok ? 'success' : 'error'}
            showIcon
            message={
              result.ok
                ? '校验通过：考勤日志未被篡改'
                : result.brokenAt != null
                  ? `校验未通过：日志自第 ${result.brokenAt} 条起与哈希链不符，可能被篡改`
                  : `校验未通过：考勤记录与日志不符 ${result.recordMismatchCount ?? result.recordMismatches?.length ?? 0} 处`
            }
            description={`已封存 ${result.entries} 条，待封存 ${result.unsealed} 条（新记录数秒内封存）。`}
          />
        )}
      </Space>
    </Card>
  );
}

