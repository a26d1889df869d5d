/**
 * Accessibility checks for the journeys (docs/accessibility.md): axe-core's WCAG 2.0/2.1 A and AA rules, run in
 * the page itself, and the 390 px reflow check. A serious or critical axe violation fails the journey with the
 * rule id, the element and axe's help text; minor and moderate ones are listed on stderr.
 */
import { createRequire } from 'node:module';
import fs from 'node:fs';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] as const;

export interface AxeViolation {
  id: string;
  impact: 'minor' | 'moderate' | 'serious' | 'critical' | null;
  help: string;
  helpUrl: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** Every axe violation on the page as it is now (axe-core's source is injected once per document). */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  // Browser-side code is passed as source text: the tests' tsconfig has no DOM types.
  const loaded = await page.evaluate<boolean>('typeof window.axe !== "undefined"');
  // Evaluated through the DevTools protocol rather than page.addScriptTag: the platform's CSP (script-src 'self')
  // rightly refuses inline scripts, and the journeys run against the real headers.
  if (!loaded) await page.evaluate(AXE_SOURCE);
  return page.evaluate<AxeViolation[]>(`(async () => {
    const result = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ${JSON.stringify(AXE_TAGS)} },
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    }));
  })()`);
}

function describeViolation(v: AxeViolation): string {
  const targets = v.nodes
    .slice(0, 6)
    .map(
      (n) =>
        `    ${n.target.join(' ')}${n.failureSummary ? `\n      ${n.failureSummary.replace(/\n/g, ' ')}` : ''}`,
    )
    .join('\n');
  const more = v.nodes.length > 6 ? `\n    … and ${v.nodes.length - 6} more` : '';
  return `  [${v.impact}] ${v.id} (${v.nodes.length}): ${v.help}\n${targets}${more}`;
}

/** Blocking violations: serious and critical. */
export function blocking(violations: AxeViolation[]): AxeViolation[] {
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/**
 * Runs axe on the page in its current state and throws when a serious or critical violation is found.
 * `label` names the page and state in the message ("登录 (phone)", "提交确认对话框").
 */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  // Let antd's motion (modals, messages, tab ink) settle: axe reads computed colours mid-animation otherwise.
  await page.waitForTimeout(350);
  const violations = await axeViolations(page);
  const bad = blocking(violations);
  const rest = violations.filter((v) => !bad.includes(v));
  if (process.env.A11Y_REPORT) {
    const nodes = (vs: AxeViolation[]) => vs.reduce((n, v) => n + v.nodes.length, 0);
    process.stderr.write(
      `A11Y\t${label}\t${page.viewportSize()?.width ?? 0}\tserious+critical=${nodes(bad)}\tall=${nodes(violations)}\t${violations.map((v) => `${v.id}:${v.impact}:${v.nodes.length}`).join(',')}\n`,
    );
    if (process.env.A11Y_REPORT === 'detail')
      process.stderr.write(`${violations.map(describeViolation).join('\n')}\n`);
    return;
  }
  if (rest.length > 0) {
    process.stderr.write(`axe (${label}), not blocking:\n${rest.map(describeViolation).join('\n')}\n`);
  }
  if (bad.length > 0) {
    throw new Error(
      `axe found serious/critical violations on ${label}:\n${bad.map(describeViolation).join('\n')}`,
    );
  }
}

/**
 * WCAG 1.4.10 reflow: the document does not scroll sideways, and nothing inside a card, list, dialog or main sticks
 * out of it. On phones tables become cards; the government console (desktop-first, checked at 768 px) may let a
 * wide table scroll inside its own box (allowTableScroll).
 */
export async function expectNoHorizontalScroll(
  page: Page,
  label: string,
  allowTableScroll = false,
): Promise<void> {
  const report = await page.evaluate<string[]>(`(() => {
    const doc = document.documentElement;
    const problems = [];
    if (doc.scrollWidth > doc.clientWidth) {
      problems.push('document scrollWidth ' + doc.scrollWidth + ' > clientWidth ' + doc.clientWidth);
    }
    const name = (el) =>
      el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
      (typeof el.className === 'string' && el.className.trim()
        ? '.' + el.className.trim().split(/\\s+/).slice(0, 3).join('.')
        : '');
    for (const box of document.querySelectorAll('.ant-card-body, .ant-list, .ant-modal-body, main')) {
      if (box.scrollWidth > box.clientWidth + 1) {
        // Name the innermost element that sticks out furthest, so the message points at the cause.
        const right = box.getBoundingClientRect().right;
        let culprit = null;
        let worst = 0;
        for (const el of box.querySelectorAll('*')) {
          const over = el.getBoundingClientRect().right - right;
          if (over > 1 && over >= worst) {
            worst = over;
            culprit = el;
          }
        }
        problems.push(
          name(box) + ' scrolls sideways (' + box.scrollWidth + ' > ' + box.clientWidth + ')' +
            (culprit ? ', widest: ' + name(culprit) : ''),
        );
      }
    }
    if (${allowTableScroll ? 'false' : 'true'}) {
      for (const scroller of document.querySelectorAll('.ant-table-content, .ant-table-body')) {
        if (scroller.scrollWidth > scroller.clientWidth + 1) {
          problems.push(name(scroller) + ': a table wider than the screen (' + scroller.scrollWidth + ' > ' + scroller.clientWidth + ')');
        }
      }
    }
    return problems;
  })()`);
  if (process.env.A11Y_REPORT) {
    process.stderr.write(`REFLOW\t${label}\t${report.length}\t${report.join(' | ')}\n`);
    return;
  }
  if (report.length > 0) throw new Error(`${label} does not fit the screen:\n  ${report.join('\n  ')}`);
}

export const PHONE = { width: 390, height: 844 } as const;
export const DESKTOP = { width: 1366, height: 900 } as const;
export const TABLET = { width: 768, height: 1024 } as const;
/** A 1280 × 900 window at 200 % browser zoom, in CSS pixels. */
export const ZOOM_200 = { width: 640, height: 450 } as const;

/**
 * Checks the page at desktop size and on a small screen — a 390 × 844 phone, or a 768 px tablet for the
 * government console, which is desktop-first — with axe both times and the reflow check on the small one.
 */
export async function expectAccessibleBoth(
  page: Page,
  label: string,
  small: { width: number; height: number } = PHONE,
): Promise<void> {
  const before = page.viewportSize() ?? DESKTOP;
  const name = small.width < 600 ? '手机' : '平板';
  await page.setViewportSize(DESKTOP);
  await expectAccessible(page, `${label}（桌面）`);
  await page.setViewportSize(small);
  await expectAccessible(page, `${label}（${name}）`);
  await expectNoHorizontalScroll(page, `${label}（${name}）`, small.width >= 600);
  await page.setViewportSize(before);
}
