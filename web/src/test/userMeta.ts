import type { EntityMeta } from '../api/types';

/** A "user" entity as GET /api/v1/meta describes it. */
export const userMeta: EntityMeta = {
  name: 'user',
  label: 'User',
  fields: [
    { name: 'name', type: 'string', label: 'Name', required: true, filterable: true, sortable: true, sensitive: false, readOnly: false },
    { name: 'email', type: 'email', label: 'Email', required: true, filterable: true, sortable: true, sensitive: false, readOnly: false },
    {
      name: 'locale', type: 'enum', label: 'Language', required: false, filterable: true, sortable: false, sensitive: false, readOnly: false,
      options: [{ value: 'zh-CN', label: 'Chinese' }, { value: 'en', label: 'English' }],
    },
    { name: 'active', type: 'bool', label: 'Active', required: false, filterable: true, sortable: false, sensitive: false, readOnly: false },
    { name: 'teamId', type: 'ref', ref: 'team', label: 'Team', required: false, filterable: true, sortable: false, sensitive: false, readOnly: false },
    { name: 'phone', type: 'string', label: 'Phone', required: false, filterable: true, sortable: false, sensitive: true, readOnly: false },
    { name: 'createdAt', type: 'datetime', label: 'Created', required: false, filterable: false, sortable: true, sensitive: false, readOnly: true },
  ],
};
