// The sandbox's UI host: Jira- and Confluence-like pages that run the app's built Custom UI in
// iframes with window.__bridge injected and the production CSP. See server.ts.
export { startUiHost, RESOURCE_CSP, HOST_CSP, type UiHost } from './server';
export { injectBridge } from './http-util';
export { dispatchBridge, HANDLED_COMMANDS, UNSUPPORTED_COMMANDS, type DispatchEnv } from './bridge-dispatch';
export type {
  UiHostDeps,
  UiHostOptions,
  UiHostPersona,
  UiHostManifest,
  InvokeRequest,
  ProductFetchRequest,
  ProductFetchResponse,
  StoragePage,
  StoragePageMacro,
  BridgeReply,
  HostEffect,
} from './types';
