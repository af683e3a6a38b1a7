// UI texts of one area: Issue context and issue panel (the precomputed snapshot).
// English is the reference; uk and ru must translate every key (the types and messages.test.ts enforce it).
export const panelsEn = {
} as const;

export const panelsUk: Record<keyof typeof panelsEn, string> = {
};

export const panelsRu: Record<keyof typeof panelsEn, string> = {
};
