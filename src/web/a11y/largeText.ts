import { createContext, useContext } from 'react';

/**
 * 大字模式 (适老化): remembered per user on this device. The key carries the user id, so two clerks sharing a
 * computer keep their own setting; before login the device-wide "guest" choice applies, and a user without a
 * choice of their own inherits it.
 */
export const LARGE_TEXT_KEY = 'sme:large-text';

export function largeTextKey(userId: string | null | undefined): string {
  return `${LARGE_TEXT_KEY}:${userId ?? 'guest'}`;
}

/** The remembered choice: the user's own, else the guest choice, else off. */
export function readLargeText(
  storage: { getItem(key: string): string | null },
  userId: string | null | undefined,
): boolean {
  try {
    const own = userId ? storage.getItem(largeTextKey(userId)) : null;
    const value = own ?? storage.getItem(largeTextKey(null));
    return value === '1';
  } catch {
    return false; // storage disabled (private mode): the default size
  }
}

export function writeLargeText(
  storage: { setItem(key: string, value: string): void },
  userId: string | null | undefined,
  on: boolean,
): void {
  try {
    storage.setItem(largeTextKey(userId), on ? '1' : '0');
  } catch {
    /* storage disabled: the switch still works for this page view */
  }
}

export interface LargeTextValue {
  large: boolean;
  setLarge(on: boolean): void;
}

export const LargeTextContext = createContext<LargeTextValue>({ large: false, setLarge: () => undefined });

export function useLargeText(): LargeTextValue {
  return useContext(LargeTextContext);
}
