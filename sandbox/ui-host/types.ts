// Contracts of the UI host: what it needs from the sandbox (deps), what a frame is, and the
// messages between the host page, the server and the injected iframe bridge.

export interface UiHostPersona {
  /** null = anonymous visitor (not logged in). */
  accountId: string | null;
  displayName: string;
  /** Free text from the scenario ('admin', 'head', 'manager', 'specialist', 'client-guest'…).
   *  'admin' (any case, as a word) makes the persona a Jira admin; 'guest' makes it unlicensed. */
  role: string;
}

export interface StoragePageMacro {
  /** The page HTML holds an element with `data-macro-placeholder="<placeholderId>"`; the host puts the
   *  macro's iframe there. */
  placeholderId: string;
  /** Forge extension key, `<appId>/<envId>/static/<moduleKey>` (or just the module key). */
  extensionKey: string;
  localId: string;
  parameters: Record<string, unknown>;
}

export interface StoragePage {
  title: string;
  spaceKey: string;
  /** Rendered body (trusted: produced by the sandbox's storage-format renderer). */
  html: string;
  macros: StoragePageMacro[];
}

export interface UiHostManifest {
  modules: Record<string, Array<Record<string, unknown>>>;
  resources: Array<{ key: string; path: string }>;
}

export interface InvokeRequest {
  moduleKey: string;
  functionKey: string;
  payload: unknown;
  accountId: string | null;
  context: Record<string, unknown>;
}

export interface ProductFetchRequest {
  product: 'jira' | 'confluence';
  accountId: string | null;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface ProductFetchResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface UiHostDeps {
  /** Parsed manifest.yml. */
  manifest: UiHostManifest;
  /** Repo root; resource paths are relative to it. */
  appRoot: string;
  /** Runs the real resolver in the sandbox runtime; `body` is what the resolver returned. */
  invoke(req: InvokeRequest): Promise<{ status: number; body: unknown }>;
  /** The emulated site, as the user. */
  productFetch(req: ProductFetchRequest): Promise<ProductFetchResponse>;
  personas: UiHostPersona[];
  renderStoragePage?(pageId: string, accountId: string | null): Promise<StoragePage | null>;
  siteUrl: string;
  cloudId: string;
}

export interface UiHostOptions {
  port?: number;
  /** Time zone reported in the product context (default Europe/Kyiv). */
  timezone?: string;
}

export type ColorMode = 'light' | 'dark';

/** What the viewer chose in the host's switchers (cookies). */
export interface Viewer {
  persona: UiHostPersona;
  colorMode: ColorMode;
  /** 'en-US' | 'uk-UA' | 'ru-RU' */
  locale: string;
}

/** One rendered iframe of a Custom UI module, remembered by the server between bridge calls. */
export interface FrameRecord {
  id: string;
  moduleKey: string;
  moduleType: string;
  resourceKey: string;
  /** Absolute directory the frame's files are served from. */
  resourceDir: string;
  /** The module's `extension` context (type, issue/project or content/space/config…). */
  extension: Record<string, unknown>;
  localId: string;
  accountId: string | null;
  locale: string;
  colorMode: ColorMode;
  hasResolver: boolean;
  createdAt: number;
}

/** Asks the host page to do something only it can (navigate, show a flag…). */
export type HostEffect =
  | { kind: 'navigate'; url: string; newTab: boolean }
  | { kind: 'showFlag'; flag: HostFlag }
  | { kind: 'closeFlag'; id: string }
  | { kind: 'theme'; theme: ThemeApply }
  | { kind: 'title'; title: string }
  | { kind: 'reload' };

export interface HostFlag {
  id: string;
  title: string;
  description: string;
  type: 'info' | 'success' | 'warning' | 'error';
  isAutoDismiss: boolean;
}

/** What the iframe needs to theme itself like the product does after `enableTheming`. */
export interface ThemeApply {
  colorMode: ColorMode;
  attrs: Record<string, string>;
  stylesheets: string[];
}

export type BridgeErrorKind = 'unknown-command' | 'unsupported' | 'bad-payload' | 'invoke-failed' | 'frame-gone';

export type BridgeReply =
  | { ok: true; value: unknown; effect?: HostEffect }
  | { ok: false; error: { kind: BridgeErrorKind; message: string } };

/** Kinds of errors the host shows in its red banner (never silently). */
export const LOUD_ERROR_KINDS: readonly BridgeErrorKind[] = ['unknown-command', 'unsupported', 'bad-payload', 'frame-gone'];
