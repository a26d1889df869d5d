import type { ThemeConfig } from 'antd';

/**
 * The platform's antd theme (docs/accessibility.md). antd's default greys, link blue, amber and tag colours fall
 * below WCAG 2.1 AA contrast on white (4.5:1 for text, 3:1 for large text and UI parts), so every colour that
 * carries text is set here to a shade that passes on white and on its own light background. Pages and shared
 * components must take their colours from these tokens (or Typography's type="secondary") rather than hard-code
 * greys such as rgba(0,0,0,0.45).
 */
export const BRAND_BLUE = '#1560bd'; // 6.1:1 on white

/** Colours used outside antd (plain CSS, inline styles) that must keep AA contrast. */
export const A11Y_COLORS = {
  /** Secondary text: 7.0:1 on white, 6.4:1 on the page background #f3f5f8. */
  textSecondary: '#595959',
  /** Descriptions, hints, captions: 5.7:1 on white, 5.3:1 on #f5f5f5. */
  textTertiary: '#666666',
  /** Placeholders: 4.9:1 on white. */
  placeholder: '#707070',
} as const;

export const BASE_TOKENS: NonNullable<ThemeConfig['token']> = {
  colorPrimary: BRAND_BLUE,
  colorInfo: BRAND_BLUE,
  colorLink: BRAND_BLUE,
  // Hovered default buttons take this as their text colour: antd's derived lighter blue is 4.25:1 on white (axe
  // found it on 获取验证码 under the pointer); the link's hover blue is well above 4.5:1.
  colorPrimaryHover: '#0d4a9a',
  colorLinkHover: '#0d4a9a',
  colorLinkActive: '#0b3d80',
  borderRadius: 6,
  fontFamily:
    "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', 'Helvetica Neue', Arial, sans-serif",

  // Text greys (antd: 0.45 / 0.25 alpha black = 3.4:1 / 1.6:1 on white).
  colorTextSecondary: A11Y_COLORS.textSecondary,
  colorTextTertiary: A11Y_COLORS.textTertiary,
  colorTextDescription: A11Y_COLORS.textTertiary,
  colorTextPlaceholder: A11Y_COLORS.placeholder,
  colorTextLabel: A11Y_COLORS.textSecondary,
  // Disabled controls show a submitted filing's values: readable, 5.3:1 on antd's #f5f5f5 disabled background.
  colorTextDisabled: A11Y_COLORS.textTertiary,

  // Status colours: text on white and on the status background (status tags, alerts, Typography types).
  colorSuccess: '#237804', // 5.6:1 on white, 5.4:1 on #f6ffed
  colorSuccessBg: '#f6ffed',
  colorSuccessBorder: '#b7eb8f',
  colorSuccessText: '#237804',
  colorWarning: '#874d00', // the amber, darkened: 6.9:1 on white, 6.5:1 on #fffbe6
  colorWarningBg: '#fffbe6',
  colorWarningBorder: '#ffe58f',
  colorWarningText: '#874d00',
  colorError: '#cf1322', // 5.6:1 on white, 5.1:1 on #fff1f0
  colorErrorBg: '#fff2f0',
  colorErrorBorder: '#ffccc7',
  colorErrorText: '#cf1322',
  colorInfoBg: '#e6f4ff',
  colorInfoBorder: '#91caff',
  colorInfoText: BRAND_BLUE,

  // Preset tag colours (<Tag color="green">) are made AA in styles.css: antd reads their palette shades outside
  // the overridable tokens.
};

/** 大字模式: base text 18 px (antd derives the heading, small and large sizes from it) and taller controls. */
export const LARGE_TEXT_TOKENS: NonNullable<ThemeConfig['token']> = {
  fontSize: 18,
  controlHeight: 40,
};

/**
 * The theme for 大字模式 on or off; `reducedMotion` (the user's prefers-reduced-motion, a11y/reducedMotion.ts)
 * turns antd's animations off: dialogs, drawers and dropdowns appear in place at once.
 */
export function appTheme(largeText: boolean, reducedMotion = false): ThemeConfig {
  const token = largeText ? { ...BASE_TOKENS, ...LARGE_TEXT_TOKENS } : BASE_TOKENS;
  return { token: reducedMotion ? { ...token, motion: false } : token };
}
