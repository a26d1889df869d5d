import { Form, Input, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { FieldDef } from '../../../../shared/filing/field-def';
import { fieldDef } from '../../../../shared/filing/fields';
import type { SectionKey } from '../../../../shared/schemas/filing-api';
import dayjs from 'dayjs';
import { DateField } from '../../../components/DateField';
import { AmountInput } from '../../../components/filing/AmountInput';
import { FieldHelp } from '../../../components/filing/FieldHelp';
import { IndustryPicker } from '../../../components/filing/IndustryPicker';
import { NativeSelect } from '../../../components/filing/NativeSelect';
import { fieldId, useEditor } from './context';
import { getAt, isBlankValue } from './model';

const MAX_DATE = dayjs('2099-12-31');

const NEGATIVE_OK = new Set(['totalProfit', 'netProfit']);

function textOf(v: unknown): string {
  return v === null || v === undefined ? '' : String(v);
}

export interface ControlProps {
  section: SectionKey;
  path: string;
  def: FieldDef;
  ariaLabel: string;
}

/** The input of one field, by its kind (labels and messages are drawn by the caller). */
export function FieldControl({ section, path, def, ariaLabel }: ControlProps) {
  const ed = useEditor();
  const value = getAt(ed.values[section], path);
  const disabled = !ed.editable(section);
  const error = ed.errorOf(section, path);
  const status = error ? 'error' : ed.commentOf(section, path) ? 'warning' : undefined;
  const id = fieldId(section, path);
  const set = (v: unknown) => ed.setField(section, path, v);
  const blur = () => ed.touch(section, path);
  const last = path.split('.').pop() ?? path;

  switch (def.kind) {
    case 'amount':
      return (
        <AmountInput
          id={id}
          value={value}
          onChange={set}
          onBlur={blur}
          disabled={disabled}
          allowNegative={NEGATIVE_OK.has(last)}
          status={status}
          ariaLabel={ariaLabel}
        />
      );
    case 'count':
    case 'percent':
    case 'year':
      return (
        <Input
          id={id}
          value={textOf(value)}
          inputMode={def.kind === 'percent' ? 'decimal' : 'numeric'}
          suffix={def.unit}
          disabled={disabled}
          status={status}
          aria-label={ariaLabel}
          autoComplete="off"
          onChange={(e) => set(e.target.value)}
          onBlur={blur}
        />
      );
    case 'textarea':
      return (
        <Input.TextArea
          id={id}
          value={textOf(value)}
          autoSize={{ minRows: 2, maxRows: 6 }}
          disabled={disabled}
          status={status}
          aria-label={ariaLabel}
          showCount={def.maxLength ? { formatter: ({ count }) => `${count} / ${def.maxLength}` } : false}
          onChange={(e) => set(e.target.value)}
          onBlur={blur}
        />
      );
    case 'date': {
      // antd's zh_CN date picker holding the 'YYYY-MM-DD' string (a typed date and Enter work too).
      const v = textOf(value);
      return (
        <DateField
          id={id}
          value={/^\d{4}-\d{2}-\d{2}$/.test(v) ? v : ''}
          maxDate={MAX_DATE}
          disabled={disabled}
          status={status}
          aria-label={ariaLabel}
          style={{ width: '100%' }}
          onChange={(d) => set(d ?? '')}
          onBlur={blur}
        />
      );
    }
    case 'select':
      return (
        <NativeSelect
          id={id}
          value={isBlankValue(value) ? '' : textOf(value)}
          options={def.options ?? []}
          disabled={disabled}
          status={status}
          ariaLabel={ariaLabel}
          onChange={(v) => set(v)}
          onBlur={blur}
        />
      );
    case 'multiselect': {
      const picked = Array.isArray(value) ? (value as string[]) : [];
      return (
        <div id={id} role="group" aria-label={ariaLabel} className="choice-group">
          {(def.options ?? []).map((o) => (
            <label key={o.value} className="choice">
              <input
                type="checkbox"
                checked={picked.includes(o.value)}
                disabled={disabled}
                onChange={(e) => {
                  const next = e.target.checked ? [...picked, o.value] : picked.filter((x) => x !== o.value);
                  set((def.options ?? []).map((x) => x.value).filter((x) => next.includes(x)));
                  blur();
                }}
              />
              {o.label}
            </label>
          ))}
        </div>
      );
    }
    case 'bool':
      return (
        <div id={id} role="radiogroup" aria-label={ariaLabel} className="choice-group">
          {[
            { v: true, label: '是' },
            { v: false, label: '否' },
          ].map((o) => (
            <label key={o.label} className="choice">
              <input
                type="radio"
                name={id}
                checked={value === o.v}
                disabled={disabled}
                onChange={() => {
                  set(o.v);
                  blur();
                }}
              />
              {o.label}
            </label>
          ))}
        </div>
      );
    case 'industry':
      return (
        <IndustryPicker
          id={id}
          value={textOf(value)}
          disabled={disabled}
          status={status}
          ariaLabel={ariaLabel}
          onChange={set}
          onBlur={blur}
        />
      );
    case 'derived':
      return <Typography.Text>{textOf(value) || '—'}</Typography.Text>;
    default:
      return (
        <Input
          id={id}
          value={textOf(value)}
          disabled={disabled}
          status={status}
          aria-label={ariaLabel}
          autoComplete="off"
          onChange={(e) => set(e.target.value)}
          onBlur={blur}
        />
      );
  }
}

/** The messages under a field: the validation message, a warning, the reviewer's comment. */
export function FieldMessages({ section, path }: { section: SectionKey; path: string }) {
  const ed = useEditor();
  const error = ed.errorOf(section, path);
  const warning = ed.warningOf(section, path);
  const comment = ed.commentOf(section, path);
  if (!error && !warning && !comment) return null;
  return (
    <div className="field-messages">
      {error && (
        <div className="field-error" role="alert">
          {error}
        </div>
      )}
      {warning && <div className="field-warning">{warning}</div>}
      {comment && <div className="field-comment">审核意见：{comment}</div>}
    </div>
  );
}

export function FieldLabel({ def, label }: { def: FieldDef; label?: string }) {
  const text = label ?? def.label;
  return (
    <span>
      {def.required && <span className="req-mark">*</span>}
      {text}
      <FieldHelp def={def} label={text} />
    </span>
  );
}

/** One labelled field (label, help icon, input, messages). */
export function F({
  s,
  p,
  label,
  extra,
  children,
}: {
  s: SectionKey;
  p: string;
  label?: string;
  extra?: ReactNode;
  children?: ReactNode;
}) {
  const ed = useEditor();
  const def = fieldDef(s, p);
  if (!def) return null;
  const text = label ?? def.label;
  const comment = ed.commentOf(s, p);
  return (
    <Form.Item
      label={<FieldLabel def={def} label={text} />}
      htmlFor={fieldId(s, p)}
      className={comment ? 'field-returned' : undefined}
      style={{ marginBottom: 16 }}
    >
      {children ?? <FieldControl section={s} path={p} def={def} ariaLabel={text} />}
      <FieldMessages section={s} path={p} />
      {extra}
    </Form.Item>
  );
}
