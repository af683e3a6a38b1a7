// The stages a lead moves through and which moves are allowed. "lost" needs a reason; "won" is final.
export const LEAD_STAGES = ['new', 'brief-sent', 'brief-received', 'estimate', 'proposal-sent', 'won', 'lost'] as const;
export type LeadStage = (typeof LEAD_STAGES)[number];

export const LOST_REASONS = ['price', 'no-answer', 'competitor', 'not-a-fit', 'postponed', 'duplicate', 'other'] as const;
export type LostReason = (typeof LOST_REASONS)[number];

const NEXT: Readonly<Record<LeadStage, readonly LeadStage[]>> = {
  new: ['brief-sent', 'brief-received', 'estimate', 'lost'],
  'brief-sent': ['brief-received', 'estimate', 'lost'],
  'brief-received': ['estimate', 'lost'],
  estimate: ['proposal-sent', 'lost'],
  'proposal-sent': ['estimate', 'won', 'lost'],
  won: [],
  // A lost lead can be picked up again from the start.
  lost: ['new'],
};

export function canMove(from: LeadStage, to: LeadStage): boolean {
  return NEXT[from].includes(to);
}

export function nextStages(from: LeadStage): readonly LeadStage[] {
  return NEXT[from];
}

/** The order of the funnel: how far a lead got (lost leads count up to the stage they reached). */
export const FUNNEL_ORDER: readonly LeadStage[] = ['new', 'brief-sent', 'brief-received', 'estimate', 'proposal-sent', 'won'];

export function stageRank(s: LeadStage): number {
  return FUNNEL_ORDER.indexOf(s);
}
