// UI texts of one area: Project page tabs: metrics and KPI charts, money, reports, connector status.
// English is the reference; uk and ru must translate every key (the types and messages.test.ts enforce it).
export const projectEn = {
} as const;

export const projectUk: Record<keyof typeof projectEn, string> = {
};

export const projectRu: Record<keyof typeof projectEn, string> = {
};
