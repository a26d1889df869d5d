import { useSyncExternalStore } from 'react';

/**
 * The user's "reduce motion" setting (prefers-reduced-motion, WCAG 2.3.3 Animation from Interactions). When it is
 * on, antd's dialogs, drawers, dropdowns and messages appear in place at once instead of zooming or sliding in
 * (appTheme's `motion` token).
 *
 * It also keeps a click on a popup that has just opened where it was aimed: while a dropdown slides in (scaleY 0.8
 * to 1) or a dialog zooms in, a press and its release can land on different elements, and the browser then fires
 * no click. The browser journeys (tests/e2e/browser.ts) run with this setting on for that reason.
 */
const QUERY = '(prefers-reduced-motion: reduce)';

/** The part of MediaQueryList used here (typed structurally: the unit tests type-check without the DOM library). */
interface MotionQuery {
  matches: boolean;
  addEventListener(type: 'change', listener: () => void): void;
  removeEventListener(type: 'change', listener: () => void): void;
}

function mediaQuery(): MotionQuery | null {
  const g = globalThis as { matchMedia?: (query: string) => MotionQuery };
  return typeof g.matchMedia === 'function' ? g.matchMedia(QUERY) : null;
}

export function prefersReducedMotion(): boolean {
  return mediaQuery()?.matches ?? false;
}

function subscribe(onChange: () => void): () => void {
  const mq = mediaQuery();
  if (!mq) return () => undefined;
  mq.addEventListener('change', onChange);
  return () => mq.removeEventListener('change', onChange);
}

/** Whether the user asked for reduced motion; follows changes of the setting while the page is open. */
export function useReducedMotion(): boolean {
  return useSyncExternalStore(subscribe, prefersReducedMotion, () => false);
}
