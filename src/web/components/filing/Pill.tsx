import type { ReactNode } from 'react';
import './pill.css';

export type PillColor = 'default' | 'success' | 'processing' | 'warning' | 'error';

/** A small status label (lighter than antd Tag, so the filing editor's first load stays small). */
export function Pill({
  color = 'default',
  children,
  className,
  ...data
}: {
  color?: PillColor;
  children: ReactNode;
  className?: string;
  [dataAttr: `data-${string}`]: string;
}) {
  return (
    <span className={`pill pill-${color}${className ? ` ${className}` : ''}`} {...data}>
      {children}
    </span>
  );
}
