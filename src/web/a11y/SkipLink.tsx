/** The id every layout gives its main content region (with tabIndex -1, so it can take focus). */
export const MAIN_CONTENT_ID = 'main-content';

/**
 * 跳到主要内容: the first focusable element of every page (WCAG 2.4.1), visible when focused. Moves focus
 * itself rather than changing the URL hash, which the router would treat as a navigation.
 */
export function SkipLink() {
  return (
    <a
      className="skip-link"
      href={`#${MAIN_CONTENT_ID}`}
      onClick={(e) => {
        const main = document.getElementById(MAIN_CONTENT_ID);
        if (!main) return;
        e.preventDefault();
        main.focus();
        main.scrollIntoView();
      }}
    >
      跳到主要内容
    </a>
  );
}
