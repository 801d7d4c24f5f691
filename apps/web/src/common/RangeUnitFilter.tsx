import { DatePicker, TreeSelect } from 'antd';
import dayjs from 'dayjs';
import type { Schemas } from '../api/client';
import { unitTree } from './unit-tree';

/** A date range (local dates) and an optional unit of the tree, for reports and dashboards. */
export function RangeUnitFilter(props: {
  from: string;
  to: string;
  onRange: (range: [string, string]) => void;
  unitId: string | undefined;
  onUnit: (unitId: string | undefined) => void;
  units: Schemas['UnitDto'][] | undefined;
  rangeLabel: string;
  unitPlaceholder: string;
}) {
  return (
    <>
      <DatePicker.RangePicker
        aria-label={props.rangeLabel}
        allowClear={false}
        value={[dayjs(props.from), dayjs(props.to)]}
        onChange={(v) => v?.[0] && v[1] && props.onRange([v[0].format('YYYY-MM-DD'), v[1].format('YYYY-MM-DD')])}
        style={{ maxWidth: '100%' }}
      />
      <TreeSelect
        aria-label="单位"
        style={{ minWidth: 200 }}
        allowClear
        placeholder={props.unitPlaceholder}
        treeDefaultExpandAll
        treeData={unitTree(props.units ?? [])}
        value={props.unitId}
        onChange={(v?: string) => props.onUnit(v)}
      />
    </>
  );
}
