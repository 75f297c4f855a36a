export * from './vocabularies.ts';
export * from './posting.ts';
export * from './errors.ts';
