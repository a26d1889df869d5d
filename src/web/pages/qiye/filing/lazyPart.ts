import { lazy, type ComponentType } from 'react';

const RELOAD_KEY = 'sme-chunk-reload-at';

/**
 * React.lazy for the editor's on-demand parts, surviving a deployment while the page is open: when a chunk of the
 * old build is gone ("Failed to fetch dynamically imported module"), reload the page once (the unsaved input is in
 * localStorage and comes back; the open tab is in the address) instead of showing an error.
 */
// React.lazy's own constraint is ComponentType<any>; the props are checked where the part is rendered.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function lazyPart<T extends ComponentType<any>>(load: () => Promise<{ default: T }>) {
  return lazy(async () => {
    try {
      return await load();
    } catch (err) {
      let last = 0;
      try {
        last = Number(sessionStorage.getItem(RELOAD_KEY) ?? 0);
        sessionStorage.setItem(RELOAD_KEY, String(Date.now()));
      } catch {
        // no storage: reload anyway, at most the error shows after it
      }
      if (Date.now() - last > 60_000) {
        window.location.reload();
        return new Promise<{ default: T }>(() => undefined);
      }
      throw err;
    }
  });
}
