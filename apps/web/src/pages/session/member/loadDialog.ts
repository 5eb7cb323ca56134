import type ConfirmDialog from './ConfirmDialog';

type Dialog = typeof ConfirmDialog;

let loading: Promise<Dialog> | null = null;

/**
 * The confirmation dialog's chunk (react-aria's overlays), kept out of the
 * page's first load. A failed fetch (the phone lost the network) is
 * forgotten, so the next try fetches again; React.lazy would keep the
 * failure for good and take the page down with it.
 */
export function loadConfirmDialog(): Promise<Dialog> {
  loading ??= import('./ConfirmDialog').then(
    (m) => m.default,
    (e: unknown) => {
      loading = null;
      throw e;
    },
  );
  return loading;
}
