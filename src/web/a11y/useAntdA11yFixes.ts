import { useEffect } from 'react';

const SCROLLERS = '.ant-table-content, .ant-table-body';
const MARK = 'data-a11y-scroll';

/**
 * Two accessibility gaps of antd's Table, closed for every page at once (docs/accessibility.md):
 * - the hidden measure row (aria-hidden) copies the column titles, focusable parts included: made `inert`;
 * - a table wider than its box scrolls sideways in a div the keyboard cannot reach (WCAG 2.1.1): while it
 *   overflows it becomes a focusable, named region, so arrow keys scroll it;
 * - dialogs: Tab wraps round inside, and the focus goes back to where it was when a dialog closes (below);
 * - the side menu's "zero-width trigger" (shown on phones and at 200 % zoom) is a bare span: it becomes a named
 *   button that Enter and Space open (see the keydown handler in useAntdA11yFixes).
 */
export function applyAntdA11yFixes(root: ParentNode): void {
  for (const trigger of root.querySelectorAll<HTMLElement>('.ant-layout-sider-zero-width-trigger')) {
    if (trigger.getAttribute('role') !== 'button') {
      trigger.setAttribute('role', 'button');
      trigger.tabIndex = 0;
    }
    const open = !trigger.closest('.ant-layout-sider')?.classList.contains('ant-layout-sider-collapsed');
    const label = open ? '收起菜单' : '打开菜单';
    if (trigger.getAttribute('aria-label') !== label) trigger.setAttribute('aria-label', label);
    if (trigger.getAttribute('aria-expanded') !== String(open))
      trigger.setAttribute('aria-expanded', String(open));
  }
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

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * Tab inside an open dialog wraps round (WCAG 2.4.3): antd keeps the focus in once it is inside, but its dialog
 * sits at the end of the page, so Tab on its last control left the page for the browser's address bar.
 * Returns true when it moved the focus.
 */
export function wrapDialogFocus(e: Pick<KeyboardEvent, 'key' | 'shiftKey'>, doc: Document): boolean {
  if (e.key !== 'Tab') return false;
  const open = [...doc.querySelectorAll<HTMLElement>('.ant-modal-wrap')].filter(
    (w) => getComputedStyle(w).display !== 'none',
  );
  const dialog = open.at(-1);
  if (!dialog) return false;
  const items = [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (el) => !el.closest('[aria-hidden="true"]') && el.getClientRects().length > 0,
  );
  const first = items[0];
  const last = items.at(-1);
  if (!first || !last) return false;
  const active = doc.activeElement;
  if (!e.shiftKey && (active === last || !dialog.contains(active))) {
    first.focus();
    return true;
  }
  if (e.shiftKey && (active === first || !dialog.contains(active))) {
    last.focus();
    return true;
  }
  return false;
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
        restoreFocus();
      });
    };
    // Focus return (WCAG 2.4.3): antd gives the focus back when a dialog closes, but not when the page unmounts
    // the dialog as it closes ({open && <Dialog/>}, common here): then the focus fell to <body>.
    let lastOutside: HTMLElement | null = null;
    let dialogWasOpen = false;
    const onFocusIn = (e: FocusEvent) => {
      const t = e.target as HTMLElement | null;
      if (t && t !== document.body && !t.closest('.ant-modal-wrap')) lastOutside = t;
    };
    const restoreFocus = () => {
      const open = [...document.querySelectorAll<HTMLElement>('.ant-modal-wrap')].some(
        (w) => getComputedStyle(w).display !== 'none',
      );
      const lost = !document.activeElement || document.activeElement === document.body;
      if (dialogWasOpen && !open && lost && lastOutside?.isConnected) lastOutside.focus();
      dialogWasOpen = open;
    };
    const onKey = (e: KeyboardEvent) => {
      if (wrapDialogFocus(e, document)) {
        e.preventDefault();
        return;
      }
      const t = e.target as HTMLElement | null;
      if (
        (e.key === 'Enter' || e.key === ' ') &&
        t?.classList.contains('ant-layout-sider-zero-width-trigger')
      ) {
        e.preventDefault();
        t.click();
      }
    };
    const observer = new MutationObserver(schedule);
    observer.observe(document.body, {
      childList: true,
      subtree: true,
      attributes: true,
      attributeFilter: ['class'],
    });
    window.addEventListener('resize', schedule);
    document.addEventListener('keydown', onKey, true);
    document.addEventListener('focusin', onFocusIn, true);
    schedule();
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', schedule);
      document.removeEventListener('keydown', onKey, true);
      document.removeEventListener('focusin', onFocusIn, true);
      if (frame) cancelAnimationFrame(frame);
    };
  }, []);
}
