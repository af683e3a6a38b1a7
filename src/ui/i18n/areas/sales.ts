// UI texts of one area: Sales pipeline: leads, briefs, estimates, documents, funnel.
// English is the reference; uk and ru must translate every key (the types and messages.test.ts enforce it).
export const salesEn = {
} as const;

export const salesUk: Record<keyof typeof salesEn, string> = {
};

export const salesRu: Record<keyof typeof salesEn, string> = {
};
