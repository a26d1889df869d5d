// @vitest-environment jsdom
import { act, renderHook } from '@testing-library/react';
import { ConfigProvider, theme } from 'antd';
import { createElement, type ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { prefersReducedMotion, useReducedMotion } from '../../../src/web/a11y/reducedMotion';
import { appTheme } from '../../../src/web/theme';

/** A matchMedia whose prefers-reduced-motion answer the test sets, with its change listeners. */
function fakeMatchMedia(initial: boolean) {
  const listeners = new Set<() => void>();
  const mq = {
    matches: initial,
    media: '(prefers-reduced-motion: reduce)',
    addEventListener: (_: string, l: () => void) => listeners.add(l),
    removeEventListener: (_: string, l: () => void) => listeners.delete(l),
  };
  vi.stubGlobal('matchMedia', (q: string) => {
    expect(q).toBe('(prefers-reduced-motion: reduce)');
    return mq;
  });
  return {
    set(on: boolean) {
      mq.matches = on;
      for (const l of listeners) l();
    },
    listeners,
  };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('reduced motion', () => {
  it('reads the prefers-reduced-motion setting and follows its changes', () => {
    const media = fakeMatchMedia(false);
    expect(prefersReducedMotion()).toBe(false);
    const { result, unmount } = renderHook(() => useReducedMotion());
    expect(result.current).toBe(false);
    act(() => media.set(true));
    expect(result.current).toBe(true);
    unmount();
    expect(media.listeners.size).toBe(0);
  });

  it('is off where the browser has no matchMedia', () => {
    vi.stubGlobal('matchMedia', undefined);
    expect(prefersReducedMotion()).toBe(false);
  });

  it('appTheme turns antd motion off only when asked, keeping the other tokens', () => {
    expect(appTheme(false).token?.motion).toBeUndefined();
    expect(appTheme(false, true).token?.motion).toBe(false);
    expect(appTheme(true, true).token?.fontSize).toBe(18);
    expect(appTheme(false, true).token?.colorPrimary).toBe(appTheme(false).token?.colorPrimary);
  });

  // antd reads the motion token (its MotionWrapper hands it to rc-motion): false draws dialogs, drawers and
  // dropdowns in place at once, with no paused first keyframe that starts to move a frame later.
  it.each([
    [false, true],
    [true, false],
  ])('under appTheme with reducedMotion %s, antd components see motion %s', (reduced, motion) => {
    const { result } = renderHook(() => theme.useToken().token.motion, {
      wrapper: ({ children }: { children: ReactNode }) =>
        createElement(ConfigProvider, { theme: appTheme(false, reduced) }, children),
    });
    expect(result.current).toBe(motion);
  });
});
