// A text area with an @mention picker over the user directory. It reports the text and the users
// picked; mentionIds() keeps those whose "@Name" is still in the text.
import { useEffect, useRef, useState } from 'react';
import { Mentions } from 'antd';
import { useTranslation } from 'react-i18next';
import { searchDirectory } from './api';
import type { DirectoryUser, Picked } from './types';

export interface MentionInputProps {
  value: string;
  onChange: (v: string) => void;
  picked: Picked[];
  onPick: (p: Picked) => void;
  placeholder?: string;
  autoFocus?: boolean;
  disabled?: boolean;
}

export function MentionInput({ value, onChange, picked, onPick, placeholder, autoFocus, disabled }: MentionInputProps) {
  const { t } = useTranslation('collab');
  const [options, setOptions] = useState<DirectoryUser[]>([]);
  const [loading, setLoading] = useState(false);
  const seq = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => () => clearTimeout(timer.current), []);

  const search = (q: string) => {
    clearTimeout(timer.current);
    const mine = ++seq.current;
    setLoading(true);
    timer.current = setTimeout(() => {
      searchDirectory(q)
        .then((r) => {
          if (mine === seq.current) setOptions(r.items ?? []);
        })
        .catch(() => {
          if (mine === seq.current) setOptions([]);
        })
        .finally(() => {
          if (mine === seq.current) setLoading(false);
        });
    }, 200);
  };

  return (
    <Mentions
      aria-label={t('comment.input')}
      value={value}
      onChange={onChange}
      onSearch={(text) => search(text)}
      onSelect={(opt) => {
        // antd may not hand the option's key back; the value (the inserted name) identifies it then.
        const u = options.find((o) => String(o.id) === String(opt.key)) ?? options.find((o) => o.name === opt.value);
        if (u && !picked.some((p) => p.id === u.id)) onPick({ id: u.id, name: u.name });
      }}
      loading={loading}
      placeholder={placeholder ?? t('comment.placeholder')}
      autoSize={{ minRows: 2, maxRows: 8 }}
      maxLength={5000}
      autoFocus={autoFocus}
      disabled={disabled}
      notFoundContent={loading ? t('comment.searching') : t('comment.noUsers')}
      options={options.map((u) => ({
        key: String(u.id),
        value: u.name,
        label: (
          <span data-testid={`mention-option-${u.id}`}>
            {u.name}
            {u.teamName ? <span style={{ opacity: 0.6 }}> · {u.teamName}</span> : null}
          </span>
        ),
      }))}
    />
  );
}
