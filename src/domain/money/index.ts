// The money domain's public surface: import from 'src/domain/money'.
export * from './errors';
export * from './money';
export * from './vat';
export * from './ledger';
export * from './commission';
export * from './invoice';
export * from './bank-import';
export * from './balance';
export * from './profitability';
export { encodeKeyPart, joinKey } from './keys';
