import {
  ArrowLeftOutlined,
  FilePdfOutlined,
  RollbackOutlined,
  SaveOutlined,
  SendOutlined,
} from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Result, Row, Space, Spin, Tabs, Typography } from 'antd';
import { Suspense, useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
// The filing modules themselves, not the shared/filing index: the index also re-exports the 科技型 assessment, whose
// standards registry would then be in this page's first load (see LiveAssessment).
import { attachmentFacts, validateSubmission } from '../../../../shared/filing/api';
import { assessFiling, type FilingAssessment } from '../../../../shared/filing/assess';
import { attachmentSlotKeys, requiredSlotKeys } from '../../../../shared/filing/attachments';
import type { TechSmeAssessment } from '../../../../shared/filing/tech-sme-assess';
import type { FilingContext } from '../../../../shared/filing/types';
import { reviewingDepartments } from '../../../../shared/regions';
import type { HistoryItem } from '../../../../shared/schemas/filing-api';
import {
  SECTION_KEYS,
  SECTION_LABELS,
  sectionKeysOf,
  type SectionKey,
} from '../../../../shared/schemas/filing-vocab';
import { documentUrl, filingsApi } from '../../../api/filings';
import { Pill } from '../../../components/filing/Pill';
import { StatusTag } from '../../../components/filing/StatusTag';
import { PageLoading } from '../../../components/PageLoading';
import { PageTitle } from '../../../components/PageTitle';
import { useSession } from '../../../session/context';
import { BasicSection } from './basic';
import { lazyPart } from './lazyPart';
import { EditorContext, type EditorContextValue } from './context';
import './filing.css';
import {
  dateTimeText,
  getAt,
  isBlankValue,
  resolveTab,
  SECTION_BADGE_TEXT,
  sectionBadge,
  shanghaiToday,
} from './model';
import { useFilingEditor } from './useFilingEditor';
import { readLocal, regionConfirmKey } from './editor/regionConfirm';
import { SaveStatus } from './editor/SaveStatus';
import { WithdrawDialog } from './editor/WithdrawDialog';

// Only 基本情况 and the self-assessment are in the page's first load; the other tabs and dialogs load on demand.
const ProductsSection = lazyPart(() => import('./sections').then((m) => ({ default: m.ProductsSection })));
const OperationsSection = lazyPart(() =>
  import('./sections').then((m) => ({ default: m.OperationsSection })),
);
const InnovationSection = lazyPart(() =>
  import('./sections').then((m) => ({ default: m.InnovationSection })),
);
const RecognitionsSection = lazyPart(() =>
  import('./sections').then((m) => ({ default: m.RecognitionsSection })),
);
// The self-assessment panel with the standards registry and the 科技型 engine run (see LiveAssessment).
const LiveAssessment = lazyPart(() => import('../../../components/filing/LiveAssessment'));
const TechSmeSection = lazyPart(() => import('./TechSmeSection'));
const AttachmentsSection = lazyPart(() => import('./AttachmentsSection'));
const ConflictModal = lazyPart(() => import('../../../components/filing/ConflictModal'));
const SubmitDialog = lazyPart(() => import('../../../components/filing/SubmitDialog'));
const HistoryTimeline = lazyPart(() => import('../../../components/filing/HistoryTimeline'));

const BADGE_COLORS = { complete: 'success', incomplete: 'default', error: 'error' } as const;

export default function FilingEditorPage() {
  const { id = '' } = useParams();
  const { user, limits } = useSession();
  const userId = user?.id ?? 'anonymous';
  const { message } = App.useApp();
  const ed = useFilingEditor(id, userId);
  const { detail, values } = ed;
  const [params, setParams] = useSearchParams();
  const tabParam = params.get('tab');
  // Only the sections of this filing's kind: a ?tab= for another falls back to the first, with a notice.
  const { tab, notice: tabNotice } = resolveTab(tabParam, detail ? sectionKeysOf(detail.kind) : SECTION_KEYS);
  const setTab = (next: SectionKey) =>
    setParams(
      (p) => {
        const n = new URLSearchParams(p);
        n.set('tab', next);
        return n;
      },
      { replace: true },
    );
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [showAll, setShowAll] = useState(false);
  const [submitErrors, setSubmitErrors] = useState<Partial<Record<SectionKey, Record<string, string>>>>({});
  const [submitAlert, setSubmitAlert] = useState<string | null>(null);
  const [submitOpen, setSubmitOpen] = useState(false);
  const [submitPending, setSubmitPending] = useState(false);
  const submitLock = useRef(false);
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [history, setHistory] = useState<HistoryItem[]>([]);
  const [withdrawOpen, setWithdrawOpen] = useState(false);
  const [confirmedCounty, setConfirmedCounty] = useState<string | null>(() =>
    readLocal(regionConfirmKey(userId, id)),
  );

  const loadHistory = useCallback(async () => {
    try {
      setHistory((await filingsApi.history(id)).items);
    } catch {
      // the timeline is secondary; the page works without it
    }
  }, [id]);
  useEffect(() => {
    // Fetching the timeline on mount.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    void loadHistory();
  }, [loadHistory]);

  const ctx: FilingContext | null = useMemo(
    () =>
      detail
        ? {
            campaignYear: detail.campaign.year,
            asOf: shanghaiToday(),
            kind: detail.kind,
            attachments: detail.attachments,
          }
        : null,
    [detail],
  );
  const deferredValues = useDeferredValue(values);
  const live = useMemo(() => (values && ctx ? validateSubmission(values, ctx) : null), [values, ctx]);
  const techSme = detail?.kind === 'tech_sme';
  const liveAssessment = useMemo(
    () => (deferredValues && ctx && !techSme ? assessFiling(deferredValues, ctx) : null),
    [deferredValues, ctx, techSme],
  );
  // 科技型中小企业评价: the rules engine's 115号 table on the 科技型评价指标 section, run in the lazy panel.
  const frozenTechSme =
    techSme && !detail?.allowedActions.includes('save') && detail?.submission?.assessment
      ? (detail.submission.assessment as unknown as TechSmeAssessment)
      : null;
  const techSmeValues = deferredValues ?? values;
  const techSmeInput = useMemo(
    () =>
      techSmeValues && ctx && techSme
        ? { frozen: frozenTechSme, values: techSmeValues, ctx, ruleParams: detail?.ruleParams }
        : null,
    [techSmeValues, ctx, techSme, frozenTechSme, detail?.ruleParams],
  );

  const county = String(getAt(values?.basic, 'countyCode') ?? '');
  const regionConfirmed = !!county && confirmedCounty === county;
  const setRegionConfirmed = (v: boolean) => {
    const next = v ? county : null;
    setConfirmedCounty(next);
    try {
      if (next) localStorage.setItem(regionConfirmKey(userId, id), next);
      else localStorage.removeItem(regionConfirmKey(userId, id));
    } catch {
      // private mode: the confirmation lasts for this page only
    }
  };
  const depts = county ? reviewingDepartments(county) : undefined;
  const reviewSentence = depts ? `提交后由 ${depts.county.regionLabel} 工信部门审核` : null;

  const canSave = !!detail?.allowedActions.includes('save');
  const editableFn = useCallback(
    (s: SectionKey) => !!detail && canSave && detail.editableSections.includes(s),
    [detail, canSave],
  );
  const returned = detail?.status === 'returned' ? detail.returnInfo : null;
  // 不通过 is final: its reason is the latest refusal's in the 办理记录, shown with the status.
  const refusalReason =
    detail?.status === 'refused'
      ? ([...history].reverse().find((h) => h.toStatus === 'refused' && h.reason)?.reason ?? null)
      : null;

  const editorValue: EditorContextValue | null = useMemo(() => {
    if (!values || !detail || !live) return null;
    return {
      values,
      campaignYear: detail.campaign.year,
      setField: ed.setField,
      touch: (s, p) =>
        setTouched((t) => {
          const k = `${s}:${p}`;
          if (t.has(k)) return t;
          const n = new Set(t);
          n.add(k);
          return n;
        }),
      errorOf: (s, p) => {
        const msg = live.sections[s]?.fieldErrors[p];
        if (!msg) return null;
        const v = getAt(values[s], p);
        const blank = isBlankValue(v) || (Array.isArray(v) && v.length === 0);
        if (!blank || showAll || touched.has(`${s}:${p}`) || submitErrors[s]?.[p]) return msg;
        return null;
      },
      warningOf: (s, p) => live.sections[s]?.warnings?.[p] ?? null,
      commentOf: (s, p) => returned?.sections.find((x) => x.section === s)?.fields[p] ?? null,
      editable: editableFn,
      previousOf: (s, p) => getAt(detail.previous?.sections?.[s], p),
    };
  }, [values, detail, live, ed.setField, showAll, touched, submitErrors, returned, editableFn]);

  if (ed.loadError) {
    return (
      <Result
        status="warning"
        title="无法打开该填报"
        subTitle={ed.loadError}
        extra={
          <Space>
            <Button type="primary" onClick={() => void ed.reload()}>
              重试
            </Button>
            <Link to="/qiye/filings">返回列表</Link>
          </Space>
        }
      />
    );
  }
  if (!detail || !values || !editorValue || !live || !ctx) return <PageLoading tip="正在打开填报…" />;

  const frozen = !canSave && detail.submission?.assessment ? detail.submission.assessment : null;
  const assessment: FilingAssessment | null = techSme
    ? null
    : ((frozen as FilingAssessment | null) ?? liveAssessment ?? assessFiling(values, ctx));
  const keys = sectionKeysOf(detail.kind);
  const slotKeys = attachmentSlotKeys(ctx);
  const requiredSlots = new Set(requiredSlotKeys(ctx, assessment ?? attachmentFacts(values, ctx)));
  const allowed = detail.allowedActions;
  const panelTitle = !canSave && detail.submission ? '自评（提交时）' : '自评（实时）';

  const changeTab = (next: string) => {
    if (ed.dirty.has(tab)) void ed.save(tab);
    setTab(next as SectionKey);
  };

  const doSubmit = async (declarations: { truthfulness: true; compliance: true }) => {
    if (submitLock.current) return;
    submitLock.current = true;
    setSubmitPending(true);
    setSubmitError(null);
    const r = await ed.submit(declarations);
    submitLock.current = false;
    setSubmitPending(false);
    if (r.ok) {
      setSubmitOpen(false);
      setSubmitErrors({});
      setSubmitAlert(null);
      setShowAll(false);
      message.success(`提交成功，当前状态：${r.detail.statusLabel}`);
      void loadHistory();
      return;
    }
    if (r.bySection) {
      setSubmitOpen(false);
      setSubmitErrors(r.bySection);
      setShowAll(true);
      setSubmitAlert(r.message);
      const first = r.first ?? keys.find((k) => !live.sections[k].complete) ?? null;
      if (first) setTab(first);
      return;
    }
    setSubmitError(r.message);
  };

  const sectionContent = (s: SectionKey) => {
    switch (s) {
      case 'basic':
        return <BasicSection regionConfirmed={regionConfirmed} onRegionConfirm={setRegionConfirmed} />;
      case 'products':
        return <ProductsSection />;
      case 'operations':
        return (
          <OperationsSection
            previousYear={detail.previous?.campaignYear ? detail.previous.campaignYear - 1 : null}
          />
        );
      case 'innovation':
        return <InnovationSection />;
      case 'recognitions':
        return <RecognitionsSection equity3Years={assessment?.equityFinancing3Years ?? '0.00'} />;
      case 'techSme':
        return <TechSmeSection />;
      case 'attachments':
        return (
          <AttachmentsSection
            detail={detail}
            slotKeys={slotKeys}
            required={requiredSlots}
            editable={editableFn('attachments')}
            maxBytes={limits.attachmentMaxBytes}
            missing={showAll ? live.sections.attachments.fieldErrors : {}}
            commentOf={(slot) =>
              returned?.sections.find((x) => x.section === 'attachments')?.fields[slot] ?? null
            }
            onUploaded={(a) => ed.updateDetail((d) => ({ ...d, attachments: [...d.attachments, a] }))}
            onDeleted={(aid) =>
              ed.updateDetail((d) => ({ ...d, attachments: d.attachments.filter((x) => x.id !== aid) }))
            }
            beforePrint={ed.saveAll}
          />
        );
    }
  };

  const idx = keys.indexOf(tab);
  const returnedSections = new Set(returned?.sections.map((x) => x.section) ?? []);

  return (
    <div className="filing-page">
      <PageTitle title={`${detail.kindLabel} - ${detail.campaignName}`} />
      <div className="editor-toolbar">
        <Space wrap>
          <Link to="/qiye/filings">
            <ArrowLeftOutlined /> 返回列表
          </Link>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {detail.kindLabel} · {detail.campaignYear} 年度
          </Typography.Title>
          <StatusTag status={detail.status} />
          {canSave && <SaveStatus indicator={ed.indicator} />}
        </Space>
        <Space wrap className="editor-actions">
          {canSave && (
            <Button icon={<SaveOutlined />} onClick={() => void ed.saveAll()} id="save-button">
              保存
            </Button>
          )}
          {allowed.includes('submit') && (
            <Button
              type="primary"
              icon={<SendOutlined />}
              id="submit-button"
              onClick={() => {
                setSubmitError(null);
                setSubmitOpen(true);
              }}
            >
              提交
            </Button>
          )}
          {allowed.includes('withdraw') && (
            <Button icon={<RollbackOutlined />} onClick={() => setWithdrawOpen(true)} id="withdraw-button">
              撤回
            </Button>
          )}
          {allowed.includes('document') && detail.submittedAt && (
            <Button icon={<FilePdfOutlined />} href={documentUrl(detail.id, true)} id="document-link">
              下载申报书
            </Button>
          )}
        </Space>
      </div>

      {ed.restored.length > 0 && (
        <Alert
          type="info"
          showIcon
          closable={{ onClose: ed.dismissRestored }}
          id="restored-notice"
          style={{ marginBottom: 12 }}
          title="已恢复您上次未保存的内容"
          description={`恢复的部分：${ed.restored.map((s) => SECTION_LABELS[s]).join('、')}。系统将自动保存到服务器。`}
        />
      )}
      {returned && (
        <Alert
          type="warning"
          showIcon
          role="alert"
          id="return-reason"
          style={{ marginBottom: 12 }}
          title={`退回修改（${returned.level === 'city' ? '设区市' : '县（市、区）'}工信部门，${dateTimeText(returned.at)}）：${returned.reason}`}
          description={
            returned.sections.length > 0
              ? `需修改的部分：${returned.sections.map((x) => SECTION_LABELS[x.section]).join('、')}（标黄的字段附有审核意见；其他部分不能修改）。修改后请再次提交。`
              : '请核对修改全部内容后再次提交。'
          }
        />
      )}
      {!canSave && (
        <Alert
          type={detail.status === 'approved' ? 'success' : detail.status === 'refused' ? 'error' : 'info'}
          showIcon
          id="status-banner"
          style={{ marginBottom: 12 }}
          title={`当前状态：${detail.statusLabel}${detail.status === 'draft' || detail.status === 'returned' ? '（当前不在可修改时间内）' : ''}`}
          description={
            <>
              {refusalReason && <div id="refusal-reason">不通过原因：{refusalReason}</div>}
              {detail.submittedAt && <div>提交时间：{dateTimeText(detail.submittedAt)}</div>}
              {detail.reviewingDepartment && <div>审核部门：{detail.reviewingDepartment}</div>}
              {detail.submission && <div>申报书验证码：{detail.submission.verificationCode}</div>}
              <div>填报内容为只读。</div>
            </>
          }
        />
      )}
      {canSave && assessment?.isSme === false && (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 12 }}
          title="不属于中小企业，不能申报"
          description="按所填的所属行业、从业人员、营业收入和资产总额，贵企业划为大型企业。请核对数据；如确属大型企业，不符合入库条件。"
        />
      )}
      {submitAlert && (
        <Alert
          type="error"
          showIcon
          role="alert"
          id="submit-alert"
          closable={{ onClose: () => setSubmitAlert(null) }}
          style={{ marginBottom: 12 }}
          title={submitAlert}
        />
      )}

      {tabNotice && (
        <Alert
          type="info"
          showIcon
          role="status"
          data-testid="tab-notice"
          style={{ marginBottom: 12 }}
          title={tabNotice}
        />
      )}
      <Row gutter={16}>
        <Col xs={24} xl={16}>
          <Card size="small">
            <EditorContext value={editorValue}>
              <Tabs
                activeKey={tab}
                tabBarGutter={20}
                onChange={changeTab}
                items={keys.map((s) => {
                  const badge = sectionBadge(live.sections[s]);
                  return {
                    key: s,
                    label: (
                      <span data-section={s} className="tab-label">
                        <span>
                          {SECTION_LABELS[s]}
                          {ed.dirty.has(s) && (
                            <span className="dirty-dot" title="未保存">
                              ●
                            </span>
                          )}
                        </span>
                        <span className="tab-badges">
                          <Pill color={BADGE_COLORS[badge]} className="section-badge" data-badge={badge}>
                            {SECTION_BADGE_TEXT[badge]}
                          </Pill>
                          {returnedSections.has(s) && (
                            <Pill color="warning" className="section-badge">
                              需修改
                            </Pill>
                          )}
                        </span>
                      </span>
                    ),
                    children: (
                      <div data-section-panel={s}>
                        {!editableFn(s) && canSave && (
                          <Alert
                            type="info"
                            style={{ marginBottom: 12 }}
                            title="本部分不在退回修改范围内，不能修改。"
                          />
                        )}
                        {returned &&
                          returnedSections.size > 0 &&
                          !returnedSections.has(s) &&
                          editableFn(s) && (
                            <Alert
                              type="warning"
                              id={`open-for-submit-${s}`}
                              style={{ marginBottom: 12 }}
                              title="本部分不在退回标注范围内，但重新提交前须补全或已在修改中，现可修改。"
                            />
                          )}
                        <Suspense fallback={<PageLoading tip="正在加载…" />}>{sectionContent(s)}</Suspense>
                      </div>
                    ),
                  };
                })}
              />
              <div className="section-footer">
                {idx > 0 && <Button onClick={() => changeTab(keys[idx - 1]!)}>上一部分</Button>}
                {canSave && editableFn(tab) && tab !== 'attachments' && (
                  <Button icon={<SaveOutlined />} onClick={() => void ed.save(tab)}>
                    保存本部分
                  </Button>
                )}
                {idx < keys.length - 1 && (
                  <Button type="primary" ghost onClick={() => changeTab(keys[idx + 1]!)}>
                    下一部分
                  </Button>
                )}
              </div>
            </EditorContext>
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <div className="assessment-sticky">
            <Suspense fallback={<Card size="small" loading title="自评（实时）" />}>
              <LiveAssessment
                title={panelTitle}
                standardId={detail.submission?.standardId ?? detail.campaign.standardId}
                assessment={assessment}
                techSme={techSmeInput}
              />
            </Suspense>
            <Card size="small" title="办理记录" style={{ marginTop: 12 }} id="history-card">
              <Suspense fallback={<Spin size="small" />}>
                <HistoryTimeline items={history} />
              </Suspense>
            </Card>
          </div>
        </Col>
      </Row>

      <Suspense fallback={null}>
        {ed.conflict && <ConflictModal conflict={ed.conflict} onResolve={ed.resolveConflict} />}
        {submitOpen && (
          <SubmitDialog
            open={submitOpen}
            pending={submitPending}
            onCancel={() => setSubmitOpen(false)}
            onSubmit={(d) => void doSubmit(d)}
            reviewSentence={reviewSentence}
            regionConfirmed={regionConfirmed}
            onRegionConfirm={setRegionConfirmed}
            error={submitError}
          />
        )}
      </Suspense>
      <WithdrawDialog
        open={withdrawOpen}
        filingId={detail.id}
        onClose={() => setWithdrawOpen(false)}
        onDone={(d) => {
          ed.applyDetail(d);
          setWithdrawOpen(false);
          message.success('已撤回');
          void loadHistory();
        }}
      />
    </div>
  );
}
