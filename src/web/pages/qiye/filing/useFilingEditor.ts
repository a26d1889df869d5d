/**
 * The filing editor's state: the sections as typed, what the server has (version per section), autosave ~1.5 s
 * after typing stops, on tab change and on page hide (fetch keepalive), a localStorage mirror of every unsaved
 * edit (per user, filing and section) restored after a closed tab or an expired session, the 409 conflict, and
 * the submit that carries every unsaved edit along (FAQ 1.8 cannot happen).
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { validateSection } from '../../../../shared/filing/api';
import type { FilingContext } from '../../../../shared/filing/types';
import type { FilingDetail, SectionState, SubmitRequest } from '../../../../shared/schemas/filing-api';
import { SECTION_KEYS, type SectionKey } from '../../../../shared/schemas/filing-vocab';
import { ApiError, errorMessage } from '../../../api/client';
import { filingsApi, saveSectionKeepalive } from '../../../api/filings';
import { browserStorage, clearDraft, loadDraft, saveDraft } from '../../../forms/draftStorage';
import {
  asSectionDraft,
  deepEqual,
  draftDecision,
  filingDraftKey,
  groupSubmitErrors,
  setAt,
  shanghaiToday,
  type Data,
} from './model';

export const AUTOSAVE_DELAY_MS = 1500;

type Sections = Record<SectionKey, Data>;
type States = Record<SectionKey, SectionState>;

export type SaveIndicator =
  | { state: 'saved'; at: Date | null }
  | { state: 'saving' }
  | { state: 'unsaved' }
  | { state: 'error'; message: string };

export interface ConflictState {
  section: SectionKey;
  mine: Data;
  server: SectionState;
}

export type SubmitOutcome =
  | { ok: true; detail: FilingDetail }
  | {
      ok: false;
      message: string;
      bySection?: Partial<Record<SectionKey, Record<string, string>>>;
      first?: SectionKey | null;
    };

function ruleContext(detail: FilingDetail): FilingContext {
  return {
    campaignYear: detail.campaign.year,
    asOf: shanghaiToday(),
    kind: detail.kind,
    attachments: detail.attachments,
  };
}

function normalizerFor(section: SectionKey, detail: FilingDetail) {
  return (data: Data): Data =>
    section === 'attachments' ? data : validateSection(section, data, ruleContext(detail)).normalized;
}

export function useFilingEditor(filingId: string, userId: string) {
  const [detail, setDetail] = useState<FilingDetail | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [values, setValues] = useState<Sections | null>(null);
  const [states, setStates] = useState<States | null>(null);
  const [dirty, setDirty] = useState<ReadonlySet<SectionKey>>(new Set());
  const [saving, setSaving] = useState<ReadonlySet<SectionKey>>(new Set());
  const [lastSavedAt, setLastSavedAt] = useState<Date | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [restored, setRestored] = useState<SectionKey[]>([]);
  const [conflict, setConflict] = useState<ConflictState | null>(null);

  const detailRef = useRef<FilingDetail | null>(null);
  const valuesRef = useRef<Sections | null>(null);
  const statesRef = useRef<States | null>(null);
  const baseVersion = useRef<Partial<Record<SectionKey, number>>>({});
  const dirtyRef = useRef<Set<SectionKey>>(new Set());
  const seq = useRef<Partial<Record<SectionKey, number>>>({});
  const timers = useRef<Map<SectionKey, ReturnType<typeof setTimeout>>>(new Map());
  const inflight = useRef<Map<SectionKey, Promise<void>>>(new Map());
  const again = useRef<Set<SectionKey>>(new Set());
  const conflictRef = useRef<ConflictState | null>(null);
  const saveRef = useRef<(s: SectionKey, opts?: { keepalive?: boolean }) => Promise<void>>(
    async () => undefined,
  );

  const storage = browserStorage();
  const draftKey = useCallback((s: SectionKey) => filingDraftKey(userId, filingId, s), [userId, filingId]);

  const editable = useCallback(
    (s: SectionKey) =>
      !!detailRef.current?.editableSections.includes(s) &&
      !!detailRef.current?.allowedActions.includes('save'),
    [],
  );

  const publishValues = (next: Sections) => {
    valuesRef.current = next;
    setValues(next);
  };
  const publishStates = (next: States) => {
    statesRef.current = next;
    setStates(next);
  };
  const publishDirty = () => setDirty(new Set(dirtyRef.current));
  const publishSaving = () => setSaving(new Set(inflight.current.keys()));

  const writeDraft = useCallback(
    (s: SectionKey) => {
      const data = valuesRef.current?.[s];
      if (!data) return;
      saveDraft(storage, draftKey(s), { data, baseVersion: baseVersion.current[s] ?? 0 }, Date.now());
    },
    [storage, draftKey],
  );

  /** Takes a fresh detail from the server; keeps local edits of the sections in `keepLocal`. */
  const applyDetail = useCallback(
    (d: FilingDetail, keepLocal: ReadonlySet<SectionKey> = new Set()) => {
      detailRef.current = d;
      setDetail(d);
      const nextStates = {} as States;
      const nextValues = {} as Sections;
      for (const s of SECTION_KEYS) {
        nextStates[s] = d.sections[s];
        if (keepLocal.has(s) && valuesRef.current) {
          nextValues[s] = valuesRef.current[s];
        } else {
          nextValues[s] = d.sections[s]?.data ?? {};
          baseVersion.current[s] = d.sections[s]?.version ?? 0;
          dirtyRef.current.delete(s);
          clearDraft(storage, draftKey(s));
        }
      }
      publishStates(nextStates);
      publishValues(nextValues);
      publishDirty();
    },
    [storage, draftKey],
  );

  const schedule = useCallback((s: SectionKey, delay = AUTOSAVE_DELAY_MS) => {
    const t = timers.current.get(s);
    if (t) clearTimeout(t);
    timers.current.set(
      s,
      setTimeout(() => {
        timers.current.delete(s);
        void saveRef.current(s);
      }, delay),
    );
  }, []);

  const openConflict = useCallback(
    async (s: SectionKey) => {
      try {
        const fresh = await filingsApi.get(filingId);
        const server = fresh.sections[s];
        const mine = valuesRef.current?.[s] ?? {};
        if (deepEqual(normalizerFor(s, fresh)(mine), server.data)) {
          // The server already has exactly this (e.g. a keepalive save from a closed tab): nothing to choose.
          baseVersion.current[s] = server.version;
          if (statesRef.current) publishStates({ ...statesRef.current, [s]: server });
          dirtyRef.current.delete(s);
          clearDraft(storage, draftKey(s));
          publishDirty();
          setSaveError(null);
          return;
        }
        const c = { section: s, mine, server };
        conflictRef.current = c;
        setConflict(c);
      } catch (err) {
        setSaveError(errorMessage(err));
      }
    },
    [filingId, storage, draftKey],
  );

  const save = useCallback(
    async (s: SectionKey, opts: { keepalive?: boolean } = {}): Promise<void> => {
      const t = timers.current.get(s);
      if (t) {
        clearTimeout(t);
        timers.current.delete(s);
      }
      if (!dirtyRef.current.has(s) || !editable(s) || conflictRef.current?.section === s) return;
      const running = inflight.current.get(s);
      if (running) {
        again.current.add(s);
        return running;
      }
      const mySeq = seq.current[s] ?? 0;
      const body = { data: valuesRef.current![s], baseVersion: baseVersion.current[s] ?? 0 };
      if (opts.keepalive) {
        saveSectionKeepalive(filingId, s, body);
        return;
      }
      const p = (async () => {
        try {
          const state = await filingsApi.saveSection(filingId, s, body);
          baseVersion.current[s] = state.version;
          if (statesRef.current) publishStates({ ...statesRef.current, [s]: state });
          if ((seq.current[s] ?? 0) === mySeq) {
            dirtyRef.current.delete(s);
            clearDraft(storage, draftKey(s));
            if (valuesRef.current) publishValues({ ...valuesRef.current, [s]: state.data });
          } else {
            writeDraft(s);
            schedule(s);
          }
          publishDirty();
          setLastSavedAt(new Date());
          setSaveError(null);
        } catch (err) {
          if (err instanceof ApiError && err.code === 'CONFLICT') {
            await openConflict(s);
          } else if (err instanceof ApiError && err.code === 'UNAUTHENTICATED') {
            setSaveError('登录已过期：您的输入已保存在本机，重新登录后会自动恢复。');
          } else {
            setSaveError(`保存失败：${errorMessage(err)}（您的输入已保存在本机，稍后会自动重试）`);
            if (!(err instanceof ApiError) || err.isNetworkError || err.status >= 500) schedule(s, 10_000);
          }
        }
      })();
      inflight.current.set(s, p);
      publishSaving();
      try {
        await p;
      } finally {
        inflight.current.delete(s);
        publishSaving();
        if (again.current.has(s)) {
          again.current.delete(s);
          if (dirtyRef.current.has(s)) void saveRef.current(s);
        }
      }
    },
    [editable, filingId, storage, draftKey, writeDraft, schedule, openConflict],
  );
  useEffect(() => {
    saveRef.current = save;
  }, [save]);

  // ---- load (and restore local drafts)
  const load = useCallback(async () => {
    setLoadError(null);
    let d: FilingDetail;
    try {
      d = await filingsApi.get(filingId);
    } catch (err) {
      setLoadError(errorMessage(err));
      return;
    }
    // Read the local drafts before taking the server's data (which clears them).
    const drafts = new Map<SectionKey, ReturnType<typeof asSectionDraft>>();
    for (const s of SECTION_KEYS) {
      if (s === 'attachments') continue;
      const stored = loadDraft(storage, draftKey(s), Date.now());
      drafts.set(s, stored ? asSectionDraft(stored.values) : null);
    }
    dirtyRef.current = new Set();
    applyDetail(d);
    const canEdit = d.allowedActions.includes('save');
    const restoredNow: SectionKey[] = [];
    const next = { ...valuesRef.current! };
    for (const [s, draft] of drafts) {
      if (!draft) continue;
      if (!canEdit || !d.editableSections.includes(s)) continue;
      if (draftDecision(draft, d.sections[s], normalizerFor(s, d)) === 'discard') continue;
      next[s] = draft.data;
      baseVersion.current[s] = draft.baseVersion;
      dirtyRef.current.add(s);
      seq.current[s] = (seq.current[s] ?? 0) + 1;
      restoredNow.push(s);
    }
    if (restoredNow.length > 0) {
      publishValues(next);
      publishDirty();
      setRestored(restoredNow);
      for (const s of restoredNow) {
        writeDraft(s);
        schedule(s);
      }
    }
  }, [filingId, applyDetail, storage, draftKey, schedule, writeDraft]);

  useEffect(() => {
    // Loading from the server on mount is the point of this effect.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    void load();
  }, [load]);

  // ---- edits
  const setField = useCallback(
    (s: SectionKey, path: string, value: unknown) => {
      if (!valuesRef.current || !editable(s)) return;
      const data = setAt(valuesRef.current[s] ?? {}, path, value);
      publishValues({ ...valuesRef.current, [s]: data });
      seq.current[s] = (seq.current[s] ?? 0) + 1;
      dirtyRef.current.add(s);
      publishDirty();
      writeDraft(s);
      schedule(s);
    },
    [editable, writeDraft, schedule],
  );

  const saveAll = useCallback(async () => {
    await Promise.all([...dirtyRef.current].map((s) => saveRef.current(s)));
  }, []);

  // ---- page hide: send what is unsaved with keepalive (the draft stays in localStorage either way)
  useEffect(() => {
    const onHide = () => {
      for (const s of dirtyRef.current) {
        writeDraft(s);
        if (!inflight.current.has(s)) void saveRef.current(s, { keepalive: true });
      }
    };
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') onHide();
    };
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('pagehide', onHide);
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('pagehide', onHide);
    };
  }, [writeDraft]);

  useEffect(() => {
    const t = timers.current;
    return () => {
      for (const timer of t.values()) clearTimeout(timer);
      t.clear();
    };
  }, []);

  // ---- conflict
  const resolveConflict = useCallback(
    (choice: 'mine' | 'server') => {
      const c = conflictRef.current;
      if (!c) return;
      conflictRef.current = null;
      setConflict(null);
      const s = c.section;
      if (statesRef.current) publishStates({ ...statesRef.current, [s]: c.server });
      baseVersion.current[s] = c.server.version;
      if (choice === 'server') {
        dirtyRef.current.delete(s);
        clearDraft(storage, draftKey(s));
        if (valuesRef.current) publishValues({ ...valuesRef.current, [s]: c.server.data });
        publishDirty();
      } else {
        writeDraft(s);
        void saveRef.current(s);
      }
    },
    [storage, draftKey, writeDraft],
  );

  // ---- submit
  const submitting = useRef(false);
  const submit = useCallback(
    async (declarations: SubmitRequest['declarations']): Promise<SubmitOutcome> => {
      if (submitting.current) return { ok: false, message: '正在提交，请稍候' };
      submitting.current = true;
      try {
        for (const t of timers.current.values()) clearTimeout(t);
        timers.current.clear();
        await Promise.allSettled([...inflight.current.values()]);
        const d = detailRef.current!;
        const pending = [...dirtyRef.current]
          .filter((s) => d.editableSections.includes(s) && s !== 'attachments')
          .map((s) => ({
            section: s,
            data: valuesRef.current![s],
            baseVersion: baseVersion.current[s] ?? 0,
          }));
        const seqAtSubmit = { ...seq.current };
        try {
          const result = await filingsApi.submit(filingId, { declarations, pendingSections: pending });
          dirtyRef.current = new Set();
          applyDetail(result);
          setRestored([]);
          return { ok: true, detail: result };
        } catch (err) {
          // The pending sections are saved even when the check fails: take the new versions.
          const changedSince = new Set(
            SECTION_KEYS.filter((s) => (seq.current[s] ?? 0) !== (seqAtSubmit[s] ?? 0)),
          );
          if (err instanceof ApiError && err.code === 'VALIDATION_FAILED') {
            try {
              applyDetail(await filingsApi.get(filingId), changedSince);
            } catch {
              // keep the local state; the drafts are in localStorage
            }
            const grouped = groupSubmitErrors(err.fieldErrors);
            return { ok: false, message: err.message, bySection: grouped.bySection, first: grouped.first };
          }
          if (err instanceof ApiError && (err.code === 'CONFLICT' || err.code === 'INVALID_STATE')) {
            const keep = new Set([...dirtyRef.current]);
            try {
              const fresh = await filingsApi.get(filingId);
              applyDetail(fresh, keep);
              for (const s of keep) baseVersion.current[s] = fresh.sections[s]?.version ?? 0;
            } catch {
              // ignore
            }
          }
          return { ok: false, message: errorMessage(err) };
        }
      } finally {
        submitting.current = false;
      }
    },
    [filingId, applyDetail],
  );

  const updateDetail = useCallback((fn: (d: FilingDetail) => FilingDetail) => {
    const d = detailRef.current;
    if (!d) return;
    const next = fn(d);
    detailRef.current = next;
    setDetail(next);
  }, []);

  const indicator: SaveIndicator = useMemo(() => {
    if (saving.size > 0) return { state: 'saving' };
    if (saveError) return { state: 'error', message: saveError };
    if (dirty.size > 0) return { state: 'unsaved' };
    if (lastSavedAt) return { state: 'saved', at: lastSavedAt };
    const latest = states
      ? Object.values(states)
          .map((x) => x?.updatedAt)
          .filter(Boolean)
          .sort()
          .pop()
      : undefined;
    return { state: 'saved', at: latest ? new Date(latest) : null };
  }, [saving, saveError, dirty, lastSavedAt, states]);

  return {
    detail,
    loadError,
    values,
    states,
    dirty,
    indicator,
    restored,
    dismissRestored: () => setRestored([]),
    conflict,
    resolveConflict,
    setField,
    save,
    saveAll,
    submit,
    reload: load,
    applyDetail,
    updateDetail,
    editable,
  };
}
