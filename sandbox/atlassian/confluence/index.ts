// The emulated Confluence Cloud: state plus the v2 and v1 routes the app uses. The site (site.ts)
// owns HTTP, identity, faults and spec validation; this module only registers routes.
import { createHash } from 'node:crypto';
import { Router } from '../router';
import type { SiteContext } from '../site-context';
import type { PageRecord } from './model';
import { registerAttachmentRoutes } from './routes-attachments';
import { registerPageRoutes } from './routes-pages';
import { registerPropertyRoutes } from './routes-properties';
import { registerRestrictionRoutes } from './routes-restrictions';
import { registerSpaceRoutes } from './routes-spaces';
import { ConfluenceState, type ConfluenceOptions } from './state';

export { ConfluenceState, type ConfluenceOptions } from './state';
export { renderStorage, type RenderedMacro, type RenderedStorage, type RenderStorageOptions } from './render-storage';
export { resolveViewer, type Viewer } from './access';
export { attachmentDownloadUrl } from './route-kit';

export interface ConfluenceRoutes {
  router: Router;
  state: ConfluenceState;
  /** Deterministic JSON of all content, keyed by natural keys (space key, page path, filenames) rather than ids or times. */
  snapshot(): unknown;
}

export function createConfluenceRoutes(ctx: SiteContext, opts: ConfluenceOptions = {}): ConfluenceRoutes {
  const router = new Router();
  const state = new ConfluenceState(ctx, opts);
  const deps = { ctx, state };
  registerSpaceRoutes(router, deps);
  registerPageRoutes(router, deps);
  registerPropertyRoutes(router, deps);
  registerAttachmentRoutes(router, deps);
  registerRestrictionRoutes(router, deps);
  return { router, state, snapshot: () => snapshotOf(state) };
}

function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function sorted(list: string[]): string[] {
  return [...list].sort();
}

/** Ids and timestamps differ between a clean and a faulty run; titles, bodies, versions and bytes must not. */
export function snapshotOf(state: ConfluenceState): unknown {
  const pathOf = (p: PageRecord): string => {
    const parts: string[] = [];
    const seen = new Set<string>();
    for (let cur: PageRecord | undefined = p; cur && !seen.has(cur.id); cur = cur.parentId ? state.pages.get(cur.parentId) : undefined) {
      seen.add(cur.id);
      parts.unshift(cur.current.title);
    }
    return parts.join(' / ');
  };
  const spaces = [...state.spaces.values()]
    .map((s) => ({
      key: s.key,
      name: s.name,
      type: s.type,
      status: s.status,
      private: s.private,
      description: s.description,
      authorId: s.authorId,
      homepage: state.pages.get(s.homepageId)?.current.title ?? null,
    }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const pages = [...state.pages.values()].map((p) => ({
    space: state.spaces.get(p.spaceId)?.key ?? '',
    path: pathOf(p),
    status: p.status,
    subtype: p.subtype,
    authorId: p.authorId,
    ownerId: p.ownerId,
    current: { number: p.current.number, title: p.current.title, representation: p.current.body.representation, body: p.current.body.value },
    history: p.history.map((r) => ({
      number: r.number,
      title: r.title,
      message: r.message,
      minorEdit: r.minorEdit,
      authorId: r.authorId,
      bodySha256: sha256(r.body.value),
    })),
    restrictions: {
      read: { users: sorted(p.restrictions.read.users), groups: sorted(p.restrictions.read.groups) },
      update: { users: sorted(p.restrictions.update.users), groups: sorted(p.restrictions.update.groups) },
    },
    properties: [...state.properties.values()]
      .filter((x) => x.pageId === p.id)
      .map((x) => ({ key: x.key, value: x.value, version: x.version.number }))
      .sort((a, b) => (a.key < b.key ? -1 : 1)),
    attachments: [...state.attachments.values()]
      .filter((a) => a.pageId === p.id)
      .map((a) => ({
        filename: a.title,
        status: a.status,
        versions: a.versions.map((v) => ({
          number: v.number,
          mediaType: v.mediaType,
          size: v.bytes.length,
          sha256: sha256(v.bytes),
          comment: v.comment,
          minorEdit: v.minorEdit,
          authorId: v.authorId,
        })),
      }))
      .sort((a, b) => (a.filename === b.filename ? (a.status < b.status ? -1 : 1) : a.filename < b.filename ? -1 : 1)),
  }));
  const keyed = pages.map((p) => ({ sortKey: `${p.space}\u0000${p.path}\u0000${p.status}\u0000${JSON.stringify(p)}`, p }));
  keyed.sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0));
  return { spaces, pages: keyed.map((k) => k.p) };
}
