import { SearchOutlined } from '@ant-design/icons';
import { Button, Form, Input, Select, Space, type FormInstance } from 'antd';
import type { QueueCampaign } from '../../../../../shared/schemas/review-api';
import { DateField } from '../../../../components/DateField';
import { filterByLabel, type RegionGroup } from '../../GovAccess';
import {
  KIND_LABELS as FILING_KIND_LABELS,
  KINDS as FILING_KINDS,
  SIZE_LABELS as SME_SIZE_LABELS,
  SIZES as SME_SIZES,
  STATUS_LABELS as FILING_STATUS_LABELS,
} from '../labels';
import type { QueueFilters } from '../queueQuery';
import { VIEW_STATUSES, type FormValues } from './formValues';

/** The queue's filters (批次, 企业, 类型, 状态, 地区, 行业, 规模, 自评总分, 直通条件, 提交日期) with 查询 and 重置. */
export function QueueFilterForm({
  form,
  scope,
  campaigns,
  countyGroups,
  filterCount,
  onSearch,
  onReset,
}: {
  form: FormInstance<FormValues>;
  scope: QueueFilters['scope'];
  campaigns: QueueCampaign[];
  countyGroups: RegionGroup[];
  filterCount: number;
  onSearch: (v: FormValues) => void;
  onReset: () => void;
}) {
  return (
    <Form<FormValues>
      form={form}
      layout="inline"
      onFinish={onSearch}
      style={{ rowGap: 12, marginBottom: 16 }}
      id="queue-filters"
    >
      <Form.Item name="campaign" label="批次" htmlFor="queue-campaign">
        <Select
          id="queue-campaign"
          style={{ width: 150 }}
          options={[
            { value: 'all', label: '全部批次' },
            ...campaigns.map((c) => ({
              value: String(c.year),
              label: `${c.year}年度${c.current ? '（当前）' : ''}`,
            })),
          ]}
        />
      </Form.Item>
      <Form.Item name="q" label="企业">
        <Input allowClear placeholder="企业名称或信用代码" style={{ width: 200 }} maxLength={60} />
      </Form.Item>
      <Form.Item name="kind" label="类型">
        <Select
          allowClear
          placeholder="全部"
          style={{ width: 120 }}
          options={FILING_KINDS.map((k) => ({ value: k, label: FILING_KIND_LABELS[k] }))}
        />
      </Form.Item>
      {scope === 'all' && (
        <Form.Item name="status" label="状态">
          <Select
            allowClear
            placeholder="全部"
            style={{ width: 140 }}
            options={VIEW_STATUSES.map((s) => ({ value: s, label: FILING_STATUS_LABELS[s] }))}
          />
        </Form.Item>
      )}
      {countyGroups.length > 0 && (
        <Form.Item name="countyCode" label="县（市、区）">
          <Select
            allowClear
            showSearch={{ filterOption: filterByLabel }}
            placeholder="全部"
            style={{ width: 220 }}
            options={countyGroups}
          />
        </Form.Item>
      )}
      <Form.Item name="industry" label="行业">
        <Input allowClear placeholder="如 C34" style={{ width: 100 }} maxLength={5} />
      </Form.Item>
      <Form.Item name="smeSize" label="规模">
        <Select
          allowClear
          placeholder="全部"
          style={{ width: 100 }}
          options={SME_SIZES.map((s) => ({ value: s, label: SME_SIZE_LABELS[s] }))}
        />
      </Form.Item>
      <Form.Item label="自评总分">
        <Space.Compact>
          <Form.Item name="scoreMin" noStyle>
            <Input
              type="number"
              min={0}
              max={100}
              step={1}
              placeholder="最低"
              aria-label="自评总分（最低）"
              style={{ width: 80 }}
            />
          </Form.Item>
          <Form.Item name="scoreMax" noStyle>
            <Input
              type="number"
              min={0}
              max={100}
              step={1}
              placeholder="最高"
              aria-label="自评总分（最高）"
              style={{ width: 80 }}
            />
          </Form.Item>
        </Space.Compact>
      </Form.Item>
      <Form.Item name="directMet" label="直通条件">
        <Select
          allowClear
          placeholder="全部"
          style={{ width: 100 }}
          options={[
            { value: 'true', label: '满足' },
            { value: 'false', label: '不满足' },
          ]}
        />
      </Form.Item>
      <Form.Item label="提交日期">
        <Space.Compact>
          <Form.Item name="submittedFrom" noStyle>
            <DateField
              aria-label="提交日期（起）"
              placeholder="起始日期"
              id="submitted-from"
              style={{ width: 150 }}
            />
          </Form.Item>
          <Form.Item name="submittedTo" noStyle>
            <DateField
              aria-label="提交日期（止）"
              placeholder="截止日期"
              id="submitted-to"
              style={{ width: 150 }}
            />
          </Form.Item>
        </Space.Compact>
      </Form.Item>
      <Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" icon={<SearchOutlined />} id="queue-search">
            查询
          </Button>
          <Button onClick={onReset}>重置{filterCount > 0 ? `（${filterCount}）` : ''}</Button>
        </Space>
      </Form.Item>
    </Form>
  );
}
