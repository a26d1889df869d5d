import { useEffect } from 'react';

const SCROLLERS = '.ant-table-content, .ant-table-body';
const MARK = 'data-a11y-scroll';

/**
 * Two accessibility gaps of antd's Table, closed for every page at once (docs/accessibility.md):
 * - the hidden measure row (aria-hidden) copies the column titles, focusable parts included: made `inert`;
 * - a table wider than its box scrolls sideways in a div the keyboard cannot reach (WCAG 2.1.1): while it
 *   overflows it becomes a focusable, named region, so arrow keys scroll it.
 */
export function applyAntdA11yFixes(root: ParentNode): void {
  for (const row of root.querySelectorAll<HTMLElement>('.ant-table-measure-row')) {
    if (!row.inert) row.inert = true;
  }
  for (const box of root.querySelectorAll<HTMLElement>(SCROLLERS)) {
    const overflows = box.scrollWidth > box.clientWidth + 1;
    if (overflows && !box.hasAttribute(MARK)) {
      box.setAttribute(MARK, '');
      box.tabIndex = 0;
      box.setAttribute('role', 'region');
      box.setAttribute('aria-label', '表格（可用方向键左右滚动）');
    } else if (!overflows && box.hasAttribute(MARK)) {
      box.removeAttribute(MARK);
      box.removeAttribute('tabindex');
      box.removeAttribute('role');
      box.removeAttribute('aria-label');
    }
  }
}

/** Keeps applyAntdA11yFixes true as pages render, data loads and the window is resized. */
export function useAntdA11yFixes(): void {
  useEffect(() => {
    let frame = 0;
    const schedule = () => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        applyAntdA11yFixes(document);
      });
    };
    const observer = new MutationObserver(schedule);
    observer.observe(document.body, { childList: true, subtree: true });
    window.addEventListener('resize', schedule);
    schedule();
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', schedule);
      if (frame) cancelAnimationFrame(frame);
    };
  }, []);
}
