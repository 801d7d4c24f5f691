import { Select } from 'antd';
import { useEffect, useState, type CSSProperties, type ReactNode } from 'react';
import type { Schemas } from '../api/client';
import { useUsers } from '../admin/admin.queries';

export type Person = Schemas['UserDto'];

/** How long typing must pause before the search goes to the api. */
export const SEARCH_DEBOUNCE_MS = 300;

interface CommonProps {
  /** Set by Form.Item, so that its label names this select. */
  id?: string;
  placeholder?: string;
  /** Only the people of this unit and its sub-units. */
  unitId?: string;
  /** Which of the people found may be picked (e.g. not the caller, active only). */
  filter?: (person: Person) => boolean;
  size?: 'small';
  style?: CSSProperties;
  notFoundContent?: ReactNode;
  'data-testid'?: string;
}

export interface SinglePersonProps extends CommonProps {
  multiple?: false;
  /** `null` keeps the select empty (pick, act, start again). */
  value?: string | null;
  /** `person` is the one picked, as the search found them. */
  onChange?: (id: string, person?: Person) => void;
}

export interface MultiplePersonProps extends CommonProps {
  multiple: true;
  value?: string[];
  onChange?: (ids: string[]) => void;
}

/**
 * Finds people by name or username (the api's `/users?q=`, as the caller may see them) and picks one or
 * several. The search waits for typing to pause, and the last list stays shown while the next loads.
 * Works as a Form.Item child: it takes the item's `id`, `value` and `onChange`.
 */
export function PersonSearchSelect(props: SinglePersonProps | MultiplePersonProps) {
  const { id, placeholder = '输入姓名或用户名搜索', unitId, filter, size, style, notFoundContent, 'data-testid': testId } = props;
  const [typed, setTyped] = useState('');
  const q = useDebounced(typed.trim(), SEARCH_DEBOUNCE_MS);
  const users = useUsers({ q: q || undefined, unitId }, { keepPrevious: true });
  const people = (users.data?.items ?? []).filter((u) => !filter || filter(u));
  const common = {
    id,
    placeholder,
    size,
    style,
    notFoundContent,
    'data-testid': testId,
    showSearch: true,
    filterOption: false,
    onSearch: setTyped,
    loading: users.isFetching,
    options: people.map((u) => ({ value: u.id, label: `${u.displayName}（${u.username}）` })),
  } as const;
  if (props.multiple) return <Select {...common} mode="multiple" value={props.value} onChange={props.onChange} />;
  const { value, onChange } = props;
  return (
    <Select
      {...common}
      value={value}
      onChange={(picked: string) => onChange?.(picked, people.find((u) => u.id === picked))}
    />
  );
}

function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}
