// UI texts of one area: Admin page tabs added after the first release: connections, KPIs, plans, rates, documents, notifications.
// English is the reference; uk and ru must translate every key (the types and messages.test.ts enforce it).
export const adminEn = {
} as const;

export const adminUk: Record<keyof typeof adminEn, string> = {
};

export const adminRu: Record<keyof typeof adminEn, string> = {
};
