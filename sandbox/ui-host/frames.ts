// Frames the server has handed out: which module, as whom, with which extension context. The
// browser only ever sends a frame id; who is asking and where is decided here.
import { randomBytes } from 'node:crypto';
import type { UiModule } from './modules';
import { contextTheme } from './theme';
import type { ColorMode, FrameRecord } from './types';

const MAX_FRAMES = 2000;

export class FrameRegistry {
  private frames = new Map<string, FrameRecord>();

  create(m: UiModule, spec: { extension: Record<string, unknown>; accountId: string | null; locale: string; colorMode: ColorMode; localId?: string }): FrameRecord {
    const id = randomBytes(9).toString('base64url');
    const frame: FrameRecord = {
      id,
      moduleKey: m.key,
      moduleType: m.type,
      resourceKey: m.resourceKey,
      resourceDir: m.resourceDir,
      extension: { type: m.type, ...spec.extension },
      localId: spec.localId ?? `${m.key}-${id}`,
      accountId: spec.accountId,
      locale: spec.locale,
      colorMode: spec.colorMode,
      hasResolver: m.hasResolver,
      createdAt: Date.now(),
    };
    this.frames.set(id, frame);
    // Oldest first out: a long demo session must not grow without bound.
    while (this.frames.size > MAX_FRAMES) {
      const oldest = this.frames.keys().next().value;
      if (oldest === undefined) break;
      this.frames.delete(oldest);
    }
    return frame;
  }

  get(id: string): FrameRecord | undefined {
    return this.frames.get(id);
  }

  get size(): number {
    return this.frames.size;
  }
}

export interface SiteInfo {
  siteUrl: string;
  cloudId: string;
  timezone: string;
}

/** What `view.getContext()` returns in the frame (FullContext of @forge/bridge). */
export function frameContext(frame: FrameRecord, site: SiteInfo): Record<string, unknown> {
  const ctx: Record<string, unknown> = {
    cloudId: site.cloudId,
    siteUrl: site.siteUrl,
    moduleKey: frame.moduleKey,
    localId: frame.localId,
    locale: frame.locale,
    timezone: site.timezone,
    environmentId: 'sandbox-env',
    environmentType: 'DEVELOPMENT',
    extension: frame.extension,
    theme: contextTheme(frame.colorMode),
  };
  if (frame.accountId) ctx.accountId = frame.accountId;
  return ctx;
}

/** The `context` a resolver receives for a call from this frame. */
export function invokeContext(frame: FrameRecord, site: SiteInfo, accountType: 'licensed' | 'unlicensed' | 'anonymous'): Record<string, unknown> {
  const { theme: _theme, ...rest } = frameContext(frame, site);
  return { ...rest, accountType };
}
