// Jumps out of the project page through the product router (the iframe may not navigate itself).
import { router } from '@forge/bridge';

/** Opens a Confluence page (an invoice's or a report's live page) in the product. */
export function openConfluencePage(pageId: string): Promise<void> {
  return router.navigate({ target: 'contentView', contentId: pageId });
}
