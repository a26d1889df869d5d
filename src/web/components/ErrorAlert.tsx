import { Alert } from 'antd';
import type { ReactNode } from 'react';

export interface AlertState {
  type: 'error' | 'warning' | 'success' | 'info';
  title: ReactNode;
  description?: ReactNode;
}

/** A form-level message (role="alert" so screen readers and end-to-end tests find it). */
export function FormAlert({ state, id }: { state: AlertState | null; id?: string }) {
  if (!state) return null;
  return (
    <Alert
      id={id}
      role="alert"
      showIcon
      type={state.type}
      title={state.title}
      description={state.description}
      style={{ marginBottom: 16 }}
    />
  );
}

/** A list of "label：message" lines for an Alert description. */
export function messageList(items: { label: string; message: string }[]): ReactNode {
  if (items.length === 0) return undefined;
  return (
    <ul style={{ margin: 0, paddingLeft: 20 }}>
      {items.map((it) => (
        <li key={it.label + it.message}>
          {it.label}：{it.message}
        </li>
      ))}
    </ul>
  );
}
