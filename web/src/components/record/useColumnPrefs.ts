// The user's choice of visible list columns, per entity, in localStorage.
import { useCallback, useState } from 'react';

const key = (entity: string) => `kehu.columns.${entity}`;

function load(entity: string): string[] | null {
  try {
    const raw = localStorage.getItem(key(entity));
    const parsed: unknown = raw ? JSON.parse(raw) : null;
    return Array.isArray(parsed) && parsed.every((x) => typeof x === 'string') ? parsed : null;
  } catch {
    return null;
  }
}

export function useColumnPrefs(entity: string, defaults: string[]) {
  const [visible, setVisible] = useState<string[]>(() => load(entity) ?? defaults);
  const update = useCallback(
    (next: string[]) => {
      setVisible(next);
      try {
        localStorage.setItem(key(entity), JSON.stringify(next));
      } catch {
        // storage may be disabled
      }
    },
    [entity],
  );
  const reset = useCallback(() => {
    setVisible(defaults);
    try {
      localStorage.removeItem(key(entity));
    } catch {
      // storage may be disabled
    }
  }, [entity, defaults]);
  return { visible, setVisible: update, reset };
}
