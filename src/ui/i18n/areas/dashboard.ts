// UI texts of one area: Global page: manager and head-of-department views.
// English is the reference; uk and ru must translate every key (the types and messages.test.ts enforce it).
export const dashboardEn = {
} as const;

export const dashboardUk: Record<keyof typeof dashboardEn, string> = {
};

export const dashboardRu: Record<keyof typeof dashboardEn, string> = {
};
