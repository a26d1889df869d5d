import { Input, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { lookupIndustry } from '../../../shared/rules/industry-catalogue';
import './industry-picker.css';

type IndustrySearch = typeof import('../../../shared/industry/search');

// The GB/T 4754 中类/小类 table (~60 KB) is not in the filing page's first load: it is fetched the first time the
// picker opens, or when a saved 中类/小类 code needs its name. One fetch per page; a failed one is retried.
let loadedSearch: IndustrySearch | null = null;
let searchLoading: Promise<IndustrySearch> | null = null;

function loadSearch(): Promise<IndustrySearch> {
  searchLoading ??= import('../../../shared/industry/search').then(
    (m) => (loadedSearch = m),
    (err: unknown) => {
      searchLoading = null;
      throw err;
    },
  );
  return searchLoading;
}

/** The search module once `wanted` (null until it has arrived), and whether the last fetch failed. */
function useIndustrySearch(wanted: boolean, attempt: number) {
  const [mod, setMod] = useState<IndustrySearch | null>(loadedSearch);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (!wanted || mod) return;
    let live = true;
    loadSearch().then(
      (m) => {
        if (!live) return;
        setFailed(false);
        setMod(m);
      },
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [wanted, mod, attempt]);
  return { mod, failed };
}

export interface IndustryPickerProps {
  id: string;
  value: string;
  disabled?: boolean;
  status?: 'error' | 'warning';
  ariaLabel: string;
  onChange: (code: string) => void;
  onBlur: () => void;
}

/**
 * 所属行业: a GB/T 4754-2017 code typed directly ("C3453"), or found by what the enterprise makes ("齿轮") among
 * the 大类, 中类 and 小类 names, then picked from the list (mouse, or ↑ ↓ and Enter). The field holds the code.
 */
export function IndustryPicker({
  id,
  value,
  disabled,
  status,
  ariaLabel,
  onChange,
  onBlur,
}: IndustryPickerProps) {
  const [typed, setTyped] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [attempt, setAttempt] = useState(0);
  const text = typed ?? value;
  const known = value ? lookupIndustry(value) : null;
  const needsName = !!known?.ok && known.value.level !== '大类';
  const { mod, failed } = useIndustrySearch(open || needsName, attempt);
  const searching = open && typed !== null && !!typed.trim();
  const matches = useMemo(() => {
    if (!mod || !searching || typed === null) return [];
    const r = lookupIndustry(typed);
    // A complete 小类 code typed: nothing to pick.
    if (r.ok && r.value.level === '小类') return [];
    return mod.searchIndustries(typed, 12);
  }, [mod, searching, typed]);
  const className = known?.ok && mod ? mod.industryClassName(known.value.code) : null;
  const listId = `${id}-options`;
  const statusId = `${id}-status`;

  const pick = (code: string) => {
    onChange(code);
    setTyped(null);
    setOpen(false);
    onBlur();
  };

  return (
    <div className="industry-picker">
      <Input
        id={id}
        value={text}
        disabled={disabled}
        status={status}
        aria-label={ariaLabel}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={matches.length > 0}
        aria-controls={matches.length > 0 ? listId : undefined}
        aria-activedescendant={matches.length > 0 ? `${listId}-${active}` : undefined}
        aria-describedby={searching && !mod ? statusId : undefined}
        autoComplete="off"
        placeholder="输入行业代码（如 C3453），或输入产品、业务名称（如 齿轮）查找"
        onChange={(e) => {
          const v = e.target.value;
          setTyped(v);
          setOpen(true);
          setActive(0);
          // A code is kept as typed (the field checks it); words only search until a class is picked.
          const r = lookupIndustry(v);
          onChange(r.ok ? r.value.code : (v.trim().split(/\s+/)[0] ?? ''));
        }}
        onFocus={() => {
          setOpen(true);
          if (failed) setAttempt((a) => a + 1);
        }}
        onBlur={() => {
          setOpen(false);
          setTyped(null);
          onBlur();
        }}
        onKeyDown={(e) => {
          if (matches.length === 0) return;
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setActive((a) => (a + 1) % matches.length);
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            setActive((a) => (a - 1 + matches.length) % matches.length);
          } else if (e.key === 'Enter') {
            e.preventDefault();
            pick(matches[active]!.code);
          } else if (e.key === 'Escape') {
            setOpen(false);
          }
        }}
      />
      {matches.length > 0 && (
        <ul id={listId} role="listbox" aria-label={`${ariaLabel}：查找结果`} className="industry-options">
          {matches.map((m, i) => (
            <li
              key={m.code}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'is-active' : undefined}
              // Picked before the input loses focus.
              onMouseDown={(e) => {
                e.preventDefault();
                pick(m.code);
              }}
            >
              <span className="industry-option-code">{m.code}</span> {m.name}
              <span className="industry-option-where">
                {m.level}
                {m.level !== '大类' && ` · ${m.division}`}
              </span>
            </li>
          ))}
        </ul>
      )}
      {searching && !mod && (
        <div id={statusId} role="status" className="industry-options industry-loading">
          {failed ? '行业分类表加载失败，请检查网络后重新点击输入框再试' : '正在加载行业分类表…'}
        </div>
      )}
      {known?.ok && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }} className="industry-known">
          {known.value.sectionName} · {known.value.divisionName}
          {className ? ` · ${className}` : ''}（{known.value.level}）
        </Typography.Text>
      )}
    </div>
  );
}
