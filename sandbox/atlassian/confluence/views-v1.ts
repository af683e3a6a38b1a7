// v1 response shapes (User, Content for attachments, ContentArray, ContentRestriction(Array), Space),
// checked against confluence.swagger.v3.json.
import { APP_ACCOUNT_ID } from '../../core/types';
import type { UserDirectory } from '../site-context';
import type { AttachmentRecord, AttachmentVersion, PageRecord, RestrictionOperation, Restrictions, SpaceRecord } from './model';
import { groupIdOf } from './state';
import { downloadPath, mediaTypeDescription } from './views-v2';

export interface V1Links {
  base: string;
  context: string;
}

export function v1Links(baseUrl: string): V1Links {
  return { base: `${baseUrl}/wiki`, context: '/wiki' };
}

export function v1User(directory: UserDirectory, accountId: string, baseUrl: string): Record<string, unknown> {
  const u = directory.get(accountId);
  const isApp = accountId === APP_ACCOUNT_ID || u?.accountType === 'app';
  const name = u?.displayName ?? (isApp ? 'Retainer' : 'Unknown user');
  return {
    type: 'known',
    accountId,
    accountType: isApp ? 'app' : 'atlassian',
    email: u?.emailAddress ?? '',
    publicName: name,
    displayName: name,
    profilePicture: { path: '/wiki/aa-avatar/default.png', width: 48, height: 48, isDefault: true },
    isExternalCollaborator: (u?.guestOfSpaceKeys?.length ?? 0) > 0,
    _expandable: { operations: '', personalSpace: '' },
    _links: { self: `${baseUrl}/wiki/rest/api/user?accountId=${encodeURIComponent(accountId)}` },
  };
}

function v1Version(directory: UserDirectory, baseUrl: string, ver: AttachmentVersion): Record<string, unknown> {
  return {
    by: v1User(directory, ver.authorId, baseUrl),
    when: ver.createdAt,
    friendlyWhen: 'just a moment ago',
    message: ver.message,
    number: ver.number,
    minorEdit: ver.minorEdit,
    contentTypeModified: false,
    _expandable: { collaborators: '', content: '' },
    _links: {},
  };
}

/** A v1 Content of type attachment. */
export function v1Attachment(directory: UserDirectory, baseUrl: string, a: AttachmentRecord, page: PageRecord): Record<string, unknown> {
  const ver = a.versions[a.versions.length - 1] as AttachmentVersion;
  const self = `${baseUrl}/wiki/rest/api/content/${a.id}`;
  return {
    id: a.id,
    type: 'attachment',
    status: a.status,
    title: a.title,
    version: v1Version(directory, baseUrl, ver),
    container: { id: page.id, type: 'page', status: page.status, title: page.current.title },
    metadata: { mediaType: ver.mediaType, comment: ver.comment, labels: { results: [], start: 0, limit: 200, size: 0 } },
    extensions: {
      mediaType: ver.mediaType,
      fileSize: ver.bytes.length,
      comment: ver.comment,
      mediaTypeDescription: mediaTypeDescription(ver.mediaType),
      fileId: ver.fileId,
      collectionName: `contentId-${page.id}`,
    },
    _expandable: { childTypes: '', operations: '', schedulePublishDate: '', children: '', restrictions: '', history: '', ancestors: '', body: '', descendants: '', space: '' },
    _links: {
      webui: `/pages/viewpageattachments.action?pageId=${page.id}&preview=${encodeURIComponent(`/${page.id}/${a.id}/${a.title}`)}`,
      download: downloadPath(a, ver),
      thumbnail: downloadPath(a, ver),
      self,
    },
  };
}

export function v1ContentArray(results: unknown[], start: number, limit: number, baseUrl: string, selfPath: string, next?: string): Record<string, unknown> {
  const links: Record<string, string> = { ...v1Links(baseUrl), self: `${baseUrl}${selfPath}` };
  if (next) links['next'] = next;
  return { results, start, limit, size: results.length, _links: links };
}

export function v1Restriction(
  directory: UserDirectory,
  baseUrl: string,
  page: PageRecord,
  operation: RestrictionOperation,
  restrictions: Restrictions,
): Record<string, unknown> {
  const set = restrictions[operation];
  const users = set.users.map((id) => v1User(directory, id, baseUrl));
  const groups = set.groups.map((name) => ({ type: 'group', name, id: groupIdOf(name), _links: { self: `${baseUrl}/wiki/rest/api/group/by-id?id=${groupIdOf(name)}` } }));
  return {
    operation,
    restrictions: {
      user: { results: users, start: 0, limit: 200, size: users.length },
      group: { results: groups, start: 0, limit: 200, size: groups.length },
    },
    _expandable: { content: `/rest/api/content/${page.id}` },
    _links: { self: `${baseUrl}/wiki/rest/api/content/${page.id}/restriction/byOperation/${operation}` },
  };
}

export function v1RestrictionArray(directory: UserDirectory, baseUrl: string, page: PageRecord): Record<string, unknown> {
  const results = (['read', 'update'] as const).map((op) => v1Restriction(directory, baseUrl, page, op, page.restrictions));
  return {
    results,
    start: 0,
    limit: 100,
    size: results.length,
    restrictionsHash: restrictionsHash(page.restrictions),
    _links: { ...v1Links(baseUrl), self: `${baseUrl}/wiki/rest/api/content/${page.id}/restriction` },
  };
}

function restrictionsHash(r: Restrictions): string {
  const s = JSON.stringify([r.read.users.slice().sort(), r.read.groups.slice().sort(), r.update.users.slice().sort(), r.update.groups.slice().sort()]);
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return (h >>> 0).toString(16);
}

export function v1Space(baseUrl: string, s: SpaceRecord, home: PageRecord | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: Number(s.id),
    key: s.key,
    name: s.name,
    type: s.type,
    status: s.status,
  };
  if (s.description) {
    out['description'] = { plain: { value: s.description, representation: 'plain', embeddedContent: [] }, _expandable: { view: '' } };
  }
  if (home) {
    out['homepage'] = {
      id: home.id,
      type: 'page',
      status: home.status,
      title: home.current.title,
      _expandable: { container: '', metadata: '', operations: '', children: '', restrictions: '', history: '', ancestors: '', body: '', version: '', descendants: '', space: `/rest/api/space/${s.key}` },
      _links: { self: `${baseUrl}/wiki/rest/api/content/${home.id}`, webui: `/spaces/${encodeURIComponent(s.key)}/overview` },
    };
  }
  out['_expandable'] = { settings: '', metadata: '', operations: '', lookAndFeel: '', identifiers: '', permissions: '', icon: '', theme: '', history: '' };
  out['_links'] = {
    webui: `/spaces/${encodeURIComponent(s.key)}`,
    self: `${baseUrl}/wiki/rest/api/space/${encodeURIComponent(s.key)}`,
    ...v1Links(baseUrl),
    collection: '/rest/api/space',
  };
  return out;
}
