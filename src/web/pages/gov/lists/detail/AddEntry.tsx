import { Button, Select, Space } from 'antd';
import { useEffect, useState } from 'react';
import type { EvaluationSummary } from '../../../../../shared/schemas/evaluation-api';
import type { ListDetail } from '../../../../../shared/schemas/lists-api';
import { evaluationApi } from '../../../../api/evaluation';
import { listsApi } from '../../../../api/lists';
import { useSubmit } from '../../../../forms/useSubmit';

/** Adds a qualified evaluation that is not on the list yet (draft only). */
export function AddEntry({ list, onChange }: { list: ListDetail; onChange: (l: ListDetail) => void }) {
  const [options, setOptions] = useState<EvaluationSummary[] | null>(null);
  const [value, setValue] = useState<string | undefined>();
  const add = useSubmit(
    async (evaluationId: string) => {
      onChange(await listsApi.addEntry(list.id, evaluationId));
      setValue(undefined);
    },
    { report: 'message' },
  );
  useEffect(() => {
    let live = true;
    evaluationApi.list(list.campaignId, { qualified: 'true' }).then(
      (r) => live && setOptions(r.items),
      () => live && setOptions([]),
    );
    return () => {
      live = false;
    };
  }, [list.campaignId]);
  const onList = new Set(list.entries.map((e) => e.evaluationId));
  const candidates = (options ?? []).filter((o) => !onList.has(o.id));
  return (
    <Space>
      <Select
        style={{ width: 280 }}
        placeholder={candidates.length ? '添加符合条件的企业' : '没有可添加的企业'}
        value={value}
        onChange={setValue}
        showSearch
        optionFilterProp="label"
        loading={options === null}
        options={candidates.map((o) => ({
          value: o.id,
          label: `${o.enterpriseName}（${o.scoreTotal ?? '—'} 分）`,
        }))}
      />
      <Button
        disabled={!value}
        loading={add.busy}
        onClick={() => {
          if (value) void add.submit(value);
        }}
      >
        添加
      </Button>
    </Space>
  );
}
