import { describe, expect, it } from 'vitest';
import i18next from 'i18next';
import { resources } from '../locales';
import { roleDescription, roleName } from './roleText';

const t = i18next.createInstance();
await t.init({ lng: 'en', resources, ns: ['common', 'admin'], defaultNS: 'common' });

describe('roleName', () => {
  it('translates a built-in role that keeps its seeded (Chinese) name', () => {
    expect(roleName({ key: 'account_manager', name: '客户经理' }, t.t)).toBe('Account manager');
    expect(roleDescription({ key: 'service_agent', name: '客服', description: '处理服务请求并答复客户。' }, t.t)).toBe(
      'Handles service requests and answers customers.',
    );
  });

  it('keeps renamed built-in roles and custom roles as typed', () => {
    expect(roleName({ key: 'account_manager', name: 'KAM' }, t.t)).toBe('KAM');
    expect(roleName({ key: null, name: '客户经理' }, t.t)).toBe('客户经理');
    expect(roleName({ key: 'unknown', name: 'X' }, t.t)).toBe('X');
  });
});
