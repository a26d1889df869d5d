import { ArrowLeftOutlined, EnvironmentOutlined, FilePdfOutlined, PictureOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Collapse,
  Descriptions,
  List,
  Result,
  Space,
  Switch,
  Tabs,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Navigate, useLocation, useNavigate, useParams } from 'react-router';
import type { GovRole } from '../../../../shared/permissions';
import type { SectionKey } from '../../../../shared/schemas/filing-api';
import { SECTION_NAMES as SECTION_LABELS } from './labels';
import type { ReviewDetail } from '../../../../shared/schemas/review-api';
import type { ReviewAction } from '../../../../shared/workflow';
import { ApiError, errorMessage } from '../../../api/client';
import { useSubmit } from '../../../forms/useSubmit';
import { reviewApi } from '../../../api/review';
import { Countdown, formatShanghai } from '../../../components/Countdown';
import { PageLoading } from '../../../components/PageLoading';
import { PageTitle } from '../../../components/PageTitle';
import { useSession } from '../../../session/context';
import { countyOptionsFor, GovPage, type RegionGroup } from '../GovAccess';
import { AssessmentView } from './AssessmentView';
import TechSmeAssessmentPanel from '../../../components/filing/TechSmeAssessmentPanel';
import type { TechSmeAssessment } from '../../../../shared/filing';
import { FlagList } from './FlagList';
import { ACTION_BUTTON_LABELS, ActionDialog, type ActionBody } from './ActionDialog';
import { sectionTabs, type Marks } from './SectionsView';
import { ChangeTable } from './detail/ChangeTable';
import { RegionCorrectionDialog } from './detail/RegionCorrectionDialog';

const APPROVALS: readonly ReviewAction[] = ['county_approve', 'city_approve'];
const ACTION_ORDER: readonly ReviewAction[] = [
  'county_approve',
  'city_approve',
  'county_return',
  'city_return',
  'city_return_to_county',
  'transfer',
  'refuse',
];

export default function ReviewDetailPage() {
  return <GovPage path="reviews">{(role) => <ReviewDetailView role={role} />}</GovPage>;
}

type Load =
  | { state: 'loading' }
  | { state: 'error'; error: ApiError | null; message: string }
  /** Transferred out of the caller's county or city: its 已转出 trace instead (ADR 0020). */
  | { state: 'transferred' }
  | { state: 'ok'; detail: ReviewDetail };

function ReviewDetailView({ role }: { role: GovRole }) {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const location = useLocation();
  const { user } = useSession();
  const { message, modal } = App.useApp();
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [dialog, setDialog] = useState<ReviewAction | null>(null);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [preview, setPreview] = useState<string | null>(null);
  const [onlyChanged, setOnlyChanged] = useState(true);
  const [regionOpen, setRegionOpen] = useState(false);

  const reload = useCallback(async () => {
    try {
      const detail = await reviewApi.detail(id);
      setLoad({ state: 'ok', detail });
      if (detail.firstView) reviewApi.changed();
    } catch (err) {
      // A filing transferred out of the caller's county or city: its read-only 已转出 page (ADR 0020).
      if (
        err instanceof ApiError &&
        err.status === 404 &&
        (role === 'county_reviewer' || role === 'city_reviewer')
      ) {
        const gone = await reviewApi.transferredOutDetail(id).catch(() => null);
        if (gone) {
          setLoad({ state: 'transferred' });
          return;
        }
      }
      setLoad({ state: 'error', error: err instanceof ApiError ? err : null, message: errorMessage(err) });
    }
  }, [id, role]);

  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- a new id shows the spinner, then loads
    setLoad({ state: 'loading' });
    void reload();
  }, [reload]);

  const act = useSubmit(
    async (body: ActionBody) => {
      if (load.state !== 'ok') return;
      const d = load.detail;
      setServerErrors({});
      let r: Awaited<ReturnType<typeof reviewApi.act>>;
      try {
        r = await reviewApi.act(d.id, { ...body, expectedStatusVersion: d.statusVersion });
      } catch (err) {
        if (err instanceof ApiError && (err.code === 'CONFLICT' || err.code === 'INVALID_STATE')) {
          setDialog(null);
          modal.warning({ title: '该申报已被他人处理', content: '页面已刷新为最新状态，请查看后再操作。' });
          reviewApi.changed();
          await reload();
          return;
        }
        throw err;
      }
      message.success(`已${ACTION_BUTTON_LABELS[body.action]}，当前状态：${r.statusLabel}`);
      setDialog(null);
      reviewApi.changed();
      if (body.action === 'transfer' && role === 'county_reviewer') {
        // The filing now belongs to another county, outside this reviewer's region: back to the queue rather
        // than reloading into "未找到该申报".
        navigate('/gov/reviews');
        return;
      }
      await reload();
    },
    {
      report: 'message',
      onError: (err) => {
        if (!(err instanceof ApiError) || Object.keys(err.fieldErrors).length === 0) return;
        // The dialog shows them beside the reason and the marked sections.
        setServerErrors(err.fieldErrors);
        return err.message;
      },
    },
  );

  const transferOptions: RegionGroup[] = useMemo(() => {
    if (load.state !== 'ok') return [];
    if (role === 'county_reviewer') {
      // A county transfers within its city.
      const cityCode = load.detail.cityCode;
      return cityCode ? countyOptionsFor('city_reviewer', cityCode) : [];
    }
    return countyOptionsFor(role, user?.regionCode ?? null);
  }, [load, role, user?.regionCode]);

  if (load.state === 'loading') return <PageLoading />;
  if (load.state === 'transferred') {
    return <Navigate to={`/gov/reviews/transferred/${encodeURIComponent(id)}`} replace />;
  }
  if (load.state === 'error') {
    const notFound = load.error?.code === 'NOT_FOUND' || load.error?.status === 404;
    return (
      <div id={notFound ? 'review-not-found' : 'review-error'}>
        <Result
          status={notFound ? '404' : 'error'}
          title={notFound ? '未找到该申报' : '加载失败'}
          subTitle={notFound ? '该申报不存在，或不在您的管辖范围内。' : load.message}
          extra={
            <Button type="primary" onClick={() => navigate('/gov/reviews')}>
              返回审核列表
            </Button>
          }
        />
      </div>
    );
  }

  const d = load.detail;

  const onAction = (action: ReviewAction) => {
    // 科技型中小企业评价: the city's approval records the 登记编号 (a dialog, not a confirmation).
    const registers = action === 'city_approve' && d.kind === 'tech_sme';
    if (APPROVALS.includes(action) && !registers) {
      modal.confirm({
        title: '审核通过',
        content:
          action === 'county_approve'
            ? `确认“${d.enterpriseName}”的${d.kindLabel}通过县区审核，报送设区市工信部门？`
            : `确认“${d.enterpriseName}”的${d.kindLabel}通过设区市审核？`,
        okText: '确认通过',
        cancelText: '取消',
        okButtonProps: { id: 'approve-confirm' },
        onOk: () => act.submit({ action }),
      });
      return;
    }
    setServerErrors({});
    setDialog(action);
  };

  // What to highlight: changes since the return (resubmission), and the comments of the last return.
  const resub = d.resubmission;
  const changed = new Set(
    (resub?.fields ?? []).filter((f) => f.changed).map((f) => `${f.section}:${f.path}`),
  );
  const comments = new Map<string, string>();
  // Back from the city (退回县区): the city's marks are what the county looks at now.
  const cityReturn = d.status === 'county_review' && d.returnInfo?.to === 'county' ? d.returnInfo : null;
  const lastReturn = cityReturn ?? resub?.returnInfo ?? d.returnInfo;
  for (const s of lastReturn?.sections ?? []) {
    for (const [p, c] of Object.entries(s.fields)) comments.set(`${s.section}:${p}`, c);
  }
  const marks: Marks = { changed, comments };
  const changedSections = new Set<SectionKey>(resub?.changedSections ?? []);
  const actions = ACTION_ORDER.filter((a) => d.allowedActions.includes(a));
  const previewItem = d.attachments.find((a) => a.fileId === preview) ?? d.attachments[0];

  return (
    <div id="review-detail" data-status={d.status}>
      <PageTitle title={`审核 - ${d.enterpriseName}`} />
      <Card
        title={
          <Space wrap>
            <Button
              type="text"
              icon={<ArrowLeftOutlined />}
              onClick={() => (location.key !== 'default' ? navigate(-1) : navigate('/gov/reviews'))}
              aria-label="返回"
            />
            <span id="detail-enterprise">{d.enterpriseName}</span>
            <Tag>{d.kindLabel}</Tag>
            <Tag
              color={
                d.status === 'approved'
                  ? 'green'
                  : d.status === 'returned' || d.status === 'refused'
                    ? 'red'
                    : 'gold'
              }
              id="detail-status"
            >
              {d.statusLabel}
            </Tag>
            {d.deadline && (
              <Countdown
                id="review-deadline"
                label={d.deadline.level === 'county' ? '县区审核' : '设区市审核'}
                deadline={d.deadline.at}
                extended={d.deadline.extended}
              />
            )}
          </Space>
        }
        extra={
          <Space wrap id="review-actions">
            {actions.map((a) => (
              <Button
                key={a}
                id={`action-${a}`}
                type={APPROVALS.includes(a) ? 'primary' : 'default'}
                danger={a === 'refuse'}
                onClick={() => onAction(a)}
              >
                {ACTION_BUTTON_LABELS[a]}
              </Button>
            ))}
            {role === 'province' && (
              <Button icon={<EnvironmentOutlined />} onClick={() => setRegionOpen(true)} id="correct-region">
                更正注册地
              </Button>
            )}
          </Space>
        }
        style={{ marginBottom: 16 }}
      >
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label="统一社会信用代码">{d.uscc}</Descriptions.Item>
          <Descriptions.Item label="注册地">{d.regionName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="批次">{d.campaign.name}</Descriptions.Item>
          <Descriptions.Item label="提交时间">
            {d.submittedAt ? formatShanghai(d.submittedAt) : '—'}
          </Descriptions.Item>
          <Descriptions.Item label="自评总分">{d.scoreTotal ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="核验码">{d.verificationCode ?? '—'}</Descriptions.Item>
        </Descriptions>
        {d.deadline?.passed && (
          <Alert
            type="error"
            showIcon
            style={{ marginTop: 12 }}
            title={`本级审核截止时间（${d.deadline.label}）已过，不能再办理审核。`}
          />
        )}
        {actions.length === 0 && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }} id="no-actions">
            当前状态下您没有可办理的审核操作。
          </Typography.Paragraph>
        )}
      </Card>

      {d.flags.length > 0 && (
        <Alert
          id="quality-flags"
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={`数据质量提示（${d.flags.length} 项，请核实；不影响审核操作）`}
          description={<FlagList flags={d.flags} />}
        />
      )}

      {resub && (
        <Card
          id="resubmission"
          title={
            <Space>
              企业修改后重新提交
              <Tag color="gold">{resub.fields.filter((f) => f.changed).length} 处修改</Tag>
            </Space>
          }
          size="small"
          style={{ marginBottom: 16, borderColor: '#fadb14' }}
        >
          <Typography.Paragraph>
            {formatShanghai(resub.resubmittedAt)} 重新提交。
            {resub.returnInfo && `上次退回原因：${resub.returnInfo.reason}`}
            {resub.changedSections.length > 0 &&
              `；修改的部分：${resub.changedSections.map((s) => SECTION_LABELS[s]).join('、')}`}
          </Typography.Paragraph>
          {resub.fields.length > 0 ? (
            <ChangeTable id="resubmission-changes" fields={resub.fields} />
          ) : (
            <Typography.Text type="secondary">与退回时的内容相比没有修改。</Typography.Text>
          )}
        </Card>
      )}

      {cityReturn && (
        <Alert
          id="city-return-info"
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={`设区市于 ${formatShanghai(cityReturn.at)} 退回县区重新审核`}
          description={
            <>
              <div>原因：{cityReturn.reason}</div>
              {cityReturn.sections.length > 0 && (
                <div>
                  标注的部分：{cityReturn.sections.map((s) => SECTION_LABELS[s.section]).join('、')}
                  （意见见申报内容中标红的字段）
                </div>
              )}
            </>
          }
        />
      )}

      {d.returnInfo && d.status === 'returned' && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={`已于 ${formatShanghai(d.returnInfo.at)} 退回企业修改（${d.returnInfo.level === 'county' ? '县区' : '设区市'}）`}
          description={`原因：${d.returnInfo.reason}`}
        />
      )}

      <Card title="申报内容" style={{ marginBottom: 16 }} size="small">
        <Tabs items={sectionTabs(d.sections, marks, changedSections, d.kind, d.id)} />
      </Card>

      <Card
        title={`附件（${d.attachments.length}）`}
        style={{ marginBottom: 16 }}
        size="small"
        id="attachments"
      >
        {d.attachments.length === 0 ? (
          <Typography.Text type="secondary">未上传附件。</Typography.Text>
        ) : (
          <div style={{ display: 'flex', gap: 16, flexWrap: 'wrap' }}>
            <List
              style={{ width: 300 }}
              size="small"
              dataSource={d.attachments}
              renderItem={(a) => (
                <List.Item
                  onClick={() => setPreview(a.fileId)}
                  style={{
                    cursor: 'pointer',
                    background: previewItem?.fileId === a.fileId ? '#e6f4ff' : undefined,
                  }}
                  actions={[
                    <a key="dl" href={`${a.url}?download=1`} onClick={(e) => e.stopPropagation()}>
                      下载
                    </a>,
                  ]}
                >
                  <List.Item.Meta
                    avatar={a.mimeType === 'application/pdf' ? <FilePdfOutlined /> : <PictureOutlined />}
                    title={a.slotLabel}
                    description={`${a.name}（${(a.sizeBytes / 1024).toFixed(0)} KB）`}
                  />
                </List.Item>
              )}
            />
            {previewItem && (
              <div style={{ flex: 1, minWidth: 360 }} id="attachment-preview">
                {previewItem.mimeType === 'application/pdf' ? (
                  <iframe
                    title={previewItem.name}
                    src={previewItem.url}
                    style={{ width: '100%', height: 560, border: '1px solid #f0f0f0' }}
                  />
                ) : previewItem.mimeType.startsWith('image/') ? (
                  <img
                    alt={previewItem.name}
                    src={previewItem.url}
                    style={{ maxWidth: '100%', maxHeight: 560 }}
                  />
                ) : (
                  <a href={`${previewItem.url}?download=1`}>下载 {previewItem.name}</a>
                )}
              </div>
            )}
          </div>
        )}
      </Card>

      <Card title="自评结果（提交时冻结）" style={{ marginBottom: 16 }} size="small">
        {d.kind === 'tech_sme' ? (
          <TechSmeAssessmentPanel
            assessment={d.assessment.result as unknown as TechSmeAssessment}
            title="科技型中小企业评价（提交时）"
          />
        ) : (
          <AssessmentView assessment={d.assessment} detail={d} />
        )}
      </Card>

      {d.comparison && (
        <Card
          id="comparison"
          size="small"
          style={{ marginBottom: 16 }}
          title={
            <Space>
              与 {d.comparison.previousCampaignYear} 年度已通过数据对比
              <Tag color={d.comparison.changedCount > 0 ? 'gold' : undefined}>
                {d.comparison.changedCount} 项变化
              </Tag>
            </Space>
          }
          extra={
            <Space>
              只看变化
              <Switch checked={onlyChanged} onChange={setOnlyChanged} size="small" />
            </Space>
          }
        >
          <ChangeTable
            fields={onlyChanged ? d.comparison.fields.filter((f) => f.changed) : d.comparison.fields}
          />
          {(d.comparison.droppedYears.length > 0 || d.comparison.newYears.length > 0) && (
            <div id="comparison-years-apart" style={{ marginTop: 12 }}>
              <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
                经营情况只对比两次填报都包含的年度。
                {d.comparison.droppedYears.length > 0 &&
                  `上次填报的 ${d.comparison.droppedYears.join('、')} 年度本次不再填报；`}
                {d.comparison.newYears.length > 0 && `本次新增 ${d.comparison.newYears.join('、')} 年度。`}
              </Typography.Paragraph>
              <Collapse
                size="small"
                items={[
                  {
                    key: 'apart',
                    label: `未参与对比的年度数据（${d.comparison.apartFields.length} 项）`,
                    children: <ChangeTable fields={d.comparison.apartFields} />,
                  },
                ]}
              />
            </div>
          )}
        </Card>
      )}

      <Card title="办理记录" size="small" id="history">
        <Timeline
          items={d.history.map((h) => ({
            key: h.id,
            color:
              h.toStatus === 'returned' || h.toStatus === 'refused'
                ? 'red'
                : h.toStatus === 'approved'
                  ? 'green'
                  : 'blue',
            content: (
              <div>
                <Typography.Text strong>{h.actionLabel}</Typography.Text>
                <Typography.Text type="secondary">
                  {' '}
                  · {formatShanghai(h.at)} · {h.levelLabel}
                  {h.actorName ? ` · ${h.actorName}` : ''}
                </Typography.Text>
                {h.fromStatusLabel && h.toStatusLabel && h.fromStatusLabel !== h.toStatusLabel && (
                  <div>
                    {h.fromStatusLabel} → {h.toStatusLabel}
                  </div>
                )}
                {h.reason && <div>原因：{h.reason}</div>}
                {h.notice && (
                  <Typography.Text type="secondary" className="history-notice">
                    已通知企业：站内消息{h.notice.messages > 0 ? '已送达' : '未送达（企业无有效账号）'}；短信
                    {h.notice.sms
                      ? `${h.notice.sms.statusLabel}${h.notice.sms.mobile ? `（${h.notice.sms.mobile}）` : ''}`
                      : '未发送（无有效手机号）'}
                  </Typography.Text>
                )}
              </div>
            ),
          }))}
        />
      </Card>

      <ActionDialog
        action={dialog}
        detail={d}
        transferOptions={transferOptions}
        submitting={act.busy}
        serverErrors={serverErrors}
        onCancel={() => setDialog(null)}
        onSubmit={(body) => void act.submit(body)}
      />
      {role === 'province' && (
        <RegionCorrectionDialog
          open={regionOpen}
          detail={d}
          onClose={() => setRegionOpen(false)}
          onDone={() => {
            setRegionOpen(false);
            void reload();
          }}
        />
      )}
    </div>
  );
}
