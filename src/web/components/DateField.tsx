import { Input } from 'antd';
import { lazy, Suspense } from 'react';
import type { DateFieldProps } from './DatePickerField';

export type { DateFieldProps };

// antd's date picker (~30 KB gzip with its range picker) is not in the first load of the pages that use it: it is
// fetched when the first date field renders, which shows the date read-only until then (a fraction of a second).
const DatePickerField = lazy(() => import('./DatePickerField'));

/**
 * A 'YYYY-MM-DD' string date field: antd's zh_CN date picker (see DatePickerField), loaded on demand.
 */
export function DateField(props: DateFieldProps) {
  const { id, value, disabled, status, style, className, placeholder } = props;
  return (
    <Suspense
      fallback={
        <Input
          id={id}
          value={value ?? ''}
          readOnly
          disabled={disabled}
          status={status}
          style={style}
          className={className}
          placeholder={typeof placeholder === 'string' ? placeholder : '请选择日期'}
          aria-label={props['aria-label']}
          aria-busy
        />
      }
    >
      <DatePickerField {...props} />
    </Suspense>
  );
}
