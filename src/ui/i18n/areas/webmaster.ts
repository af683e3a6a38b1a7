// UI texts of one area: Yandex Webmaster texts shown in the UI.
// English is the reference; uk and ru must translate every key (the types and messages.test.ts enforce it).
export const webmasterEn = {
} as const;

export const webmasterUk: Record<keyof typeof webmasterEn, string> = {
};

export const webmasterRu: Record<keyof typeof webmasterEn, string> = {
};
