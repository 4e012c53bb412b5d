import { describe, expect, it } from 'vitest';
import { resources, NAMESPACES } from '.';

/** All leaf key paths of a nested object, e.g. "errors.network". */
function keyPaths(obj: unknown, prefix = ''): string[] {
  if (typeof obj !== 'object' || obj === null) return [prefix];
  return Object.entries(obj).flatMap(([k, v]) => keyPaths(v, prefix ? `${prefix}.${k}` : k));
}

describe('locales', () => {
  it.each(NAMESPACES)('zh-CN and en have the same keys in namespace %s', (ns) => {
    const zh = keyPaths(resources['zh-CN'][ns]).sort();
    const en = keyPaths(resources.en[ns]).sort();
    expect(zh.filter((k) => !en.includes(k))).toEqual([]);
    expect(en.filter((k) => !zh.includes(k))).toEqual([]);
    expect(zh.length).toBeGreaterThan(0);
  });

  it('has no empty translations', () => {
    for (const lang of ['zh-CN', 'en'] as const) {
      for (const ns of NAMESPACES) {
        const walk = (o: unknown, path: string): void => {
          if (typeof o === 'string') expect(o.trim(), `${lang}/${ns}:${path}`).not.toBe('');
          else for (const [k, v] of Object.entries(o as object)) walk(v, `${path}.${k}`);
        };
        walk(resources[lang][ns], '');
      }
    }
  });

  it('detects a key missing in one language', () => {
    const a = keyPaths({ a: { b: 'x', c: 'y' } });
    const b = keyPaths({ a: { b: 'x' } });
    expect(a.filter((k) => !b.includes(k))).toEqual(['a.c']);
  });
});
