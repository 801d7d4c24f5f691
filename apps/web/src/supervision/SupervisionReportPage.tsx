import { Card, Space, Table } from 'antd';
import { useState } from 'react';
import type { Schemas } from '../api/client';
import { DownloadButtons } from '../common/DownloadButtons';
import { orgToday } from '../common/org-time';
import { PageState } from '../common/PageState';
import { RangeUnitFilter } from '../common/RangeUnitFilter';
import { useUnits } from '../sessions/sessions.queries';
import { downloadSupervisionReport, useSupervisionReport } from './supervision.queries';

type Row = Schemas['ReportUnitDto'];

const rate = (r: number) => `${(r * 100).toFixed(1)}%`;

/** 督办考核 (科室目标考核): per unit, items assigned in a period and how they stand; CSV / XLSX. */
export default function SupervisionReportPage() {
  const today = orgToday();
  const [[from, to], setRange] = useState<[string, string]>([`${today.slice(0, 4)}-01-01`, today]);
  const [unitId, setUnitId] = useState<string | undefined>();
  const range = { from, to, unitId };
  const units = useUnits();
  const report = useSupervisionReport(range);
  const totals = report.data?.totals;
  return (
    <Card title="督办考核报表" size="small">
      <Space wrap style={{ marginBottom: 12 }}>
        <RangeUnitFilter from={from} to={to} onRange={setRange} unitId={unitId} onUnit={setUnitId} units={units.data} rangeLabel="交办日期" unitPlaceholder="我的全部单位" />
      </Space>
      <PageState loading={report.isPending} error={report.error}>
        <Table<Row>
          rowKey="unitId"
          size="small"
          pagination={false}
          scroll={{ x: 720 }}
          dataSource={report.data?.units ?? []}
          columns={[
            { title: '单位', dataIndex: 'unitName', fixed: 'left', width: 120 },
            { title: '交办', dataIndex: 'total' },
            { title: '按期销号', dataIndex: 'closedOnTime' },
            { title: '逾期销号', dataIndex: 'closedLate' },
            { title: '在办', dataIndex: 'open' },
            { title: '逾期未办结', dataIndex: 'overdue' },
            { title: '超时未签收', dataIndex: 'unacknowledged' },
            { title: '按期办结率', dataIndex: 'onTimeRate', render: rate },
          ]}
          summary={() =>
            totals && (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
                {(['total', 'closedOnTime', 'closedLate', 'open', 'overdue', 'unacknowledged'] as const).map((k, i) => (
                  <Table.Summary.Cell key={k} index={i + 1}>
                    {totals[k]}
                  </Table.Summary.Cell>
                ))}
                <Table.Summary.Cell index={7}>{rate(totals.onTimeRate)}</Table.Summary.Cell>
              </Table.Summary.Row>
            )
          }
        />
      </PageState>
      <DownloadButtons download={(format) => downloadSupervisionReport(format, range)} note={`交办日期 ${from} 至 ${to}`} />
    </Card>
  );
}
