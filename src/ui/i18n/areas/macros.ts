// UI texts of one area: Confluence macros: report charts and client feedback.
// English is the reference; uk and ru must translate every key (the types and messages.test.ts enforce it).
export const macrosEn = {
} as const;

export const macrosUk: Record<keyof typeof macrosEn, string> = {
};

export const macrosRu: Record<keyof typeof macrosEn, string> = {
};
