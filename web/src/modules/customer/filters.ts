// The customer lists use the record components' generic filter mapping (kept here for existing imports).
export { toFilterParams } from '../../components/record/filterParams';
