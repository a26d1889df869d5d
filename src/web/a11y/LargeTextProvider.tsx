import { ConfigProvider } from 'antd';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { useSession } from '../session/context';
import { appTheme } from '../theme';
import { LargeTextContext, readLargeText, writeLargeText } from './largeText';
import { useReducedMotion } from './reducedMotion';

/**
 * Applies 大字模式 to antd (theme tokens) and to the platform's own CSS (html[data-large-text]), and the user's
 * reduced-motion setting to antd (no animations).
 */
export function LargeTextProvider({ children }: { children: ReactNode }) {
  const { user } = useSession();
  const userId = user?.id ?? null;
  const [chosen, setChosen] = useState<{ userId: string | null; large: boolean } | null>(null);
  // Another user (or none) on this device: their own remembered choice until they switch.
  const large =
    chosen && chosen.userId === userId ? chosen.large : readLargeText(window.localStorage, userId);

  useEffect(() => {
    const html = document.documentElement;
    if (large) html.dataset.largeText = 'on';
    else delete html.dataset.largeText;
  }, [large]);

  const value = useMemo(
    () => ({
      large,
      setLarge(on: boolean) {
        writeLargeText(window.localStorage, userId, on);
        setChosen({ userId, large: on });
      },
    }),
    [large, userId],
  );
  const reducedMotion = useReducedMotion();
  const theme = useMemo(() => appTheme(large, reducedMotion), [large, reducedMotion]);

  return (
    <LargeTextContext.Provider value={value}>
      <ConfigProvider theme={theme}>{children}</ConfigProvider>
    </LargeTextContext.Provider>
  );
}
