/**
 * Where a host lets the renderer open a journal for review: the web host, inside its data
 * folder and folders named at start; Electron, the files its own dialog returned. Every host
 * wraps its service with this, so a page cannot make main open /proc/self/environ or probe for files.
 */
import { realpathSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import type { CoreService } from '../api/core-service';
import { cannotOpen, reviewablePath } from './journal-review';

/** Whether a real (links followed) path may be opened. */
export type ReviewRule = (realPath: string) => boolean;

export function insideFolders(folders: readonly string[]): ReviewRule {
  const roots = folders.map((folder) => {
    try {
      return realpathSync(resolve(folder));
    } catch {
      return resolve(folder);
    }
  });
  return (path) => roots.some((root) => path.startsWith(root.endsWith(sep) ? root : root + sep));
}

export function withReviewAccess(service: CoreService, permitted: ReviewRule): CoreService {
  return {
    handlers: {
      ...service.handlers,
      openJournalForReview: async ({ path }) => {
        const real = reviewablePath(path);
        if (real === null || !permitted(real)) throw cannotOpen(path);
        return service.handlers.openJournalForReview({ path: real });
      },
    },
    subscribe: (listener) => service.subscribe(listener),
    close: () => service.close(),
  };
}
