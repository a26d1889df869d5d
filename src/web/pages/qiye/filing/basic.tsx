import { Col, Form, Row, Typography } from 'antd';
import { useState } from 'react';
import { SECTION_FIELDS } from '../../../../shared/filing/fields';
import { cities, cityOf, countiesOf, reviewingDepartments } from '../../../../shared/regions';
import { NativeSelect } from '../../../components/filing/NativeSelect';
import { fieldId, useEditor } from './context';
import { F, FieldLabel, FieldMessages } from './fields';
import { getAt, isBlankValue } from './model';

const half = { xs: 24, md: 12 };
const third = { xs: 24, md: 8 };

// ------------------------------------------------------------------ 注册地

export function RegionField({
  confirmed,
  onConfirm,
}: {
  confirmed: boolean;
  onConfirm: (v: boolean) => void;
}) {
  const ed = useEditor();
  const county = String(getAt(ed.values.basic, 'countyCode') ?? '');
  const derivedCity = cityOf(county)?.code ?? '';
  const [pickedCity, setPickedCity] = useState<string>('');
  const city = derivedCity || pickedCity;
  const disabled = !ed.editable('basic');
  const def = SECTION_FIELDS.basic.find((f) => f.path === 'countyCode')!;
  const depts = county ? reviewingDepartments(county) : undefined;
  const error = ed.errorOf('basic', 'countyCode');
  return (
    <Form.Item
      label={<FieldLabel def={def} label="注册地" />}
      htmlFor={fieldId('basic', 'countyCode')}
      style={{ marginBottom: 16 }}
      className={ed.commentOf('basic', 'countyCode') ? 'field-returned' : undefined}
    >
      <Row gutter={8}>
        <Col xs={24} md={10}>
          <NativeSelect
            id="fld-basic-cityCode"
            ariaLabel="注册地设区市"
            placeholder="请选择设区市"
            value={city}
            disabled={disabled}
            options={cities().map((c) => ({ value: c.code, label: c.name }))}
            onChange={(v) => {
              setPickedCity(v);
              if (v !== derivedCity) ed.setField('basic', 'countyCode', '');
              onConfirm(false);
            }}
          />
        </Col>
        <Col xs={24} md={14}>
          <NativeSelect
            id={fieldId('basic', 'countyCode')}
            ariaLabel="注册地县（市、区）"
            placeholder={city ? '请选择县（市、区）或开发区' : '请先选择设区市'}
            value={county}
            disabled={disabled || !city}
            status={error ? 'error' : ''}
            options={countiesOf(city).map((c) => ({
              value: c.code,
              label: c.kind === 'dev_zone' ? `${c.name}（开发区）` : c.name,
            }))}
            onChange={(v) => {
              ed.setField('basic', 'countyCode', v);
              ed.touch('basic', 'countyCode');
              onConfirm(false);
            }}
          />
        </Col>
      </Row>
      <FieldMessages section="basic" path="countyCode" />
      {depts && (
        <div className="region-route">
          <Typography.Text strong id="region-sentence">
            提交后由 {depts.county.regionLabel} 工信部门审核
          </Typography.Text>
          <Typography.Text type="secondary">（再报 {depts.city.regionLabel} 工信部门复核）</Typography.Text>
          <div>
            <label className="choice">
              <input
                type="checkbox"
                id="region-confirm"
                checked={confirmed}
                disabled={disabled}
                onChange={(e) => onConfirm(e.target.checked)}
              />
              我已核对：注册地与营业执照一致，由上述工信部门审核
            </label>
          </div>
        </div>
      )}
    </Form.Item>
  );
}

// ------------------------------------------------------------------ 基本情况

export function BasicSection(props: { regionConfirmed: boolean; onRegionConfirm: (v: boolean) => void }) {
  const ed = useEditor();
  const listing = String(getAt(ed.values.basic, 'listingStatus') ?? '');
  return (
    <Form layout="vertical" component="div">
      <Row gutter={16}>
        <Col {...half}>
          <F s="basic" p="enterpriseName" />
        </Col>
        <Col {...half}>
          <F s="basic" p="uscc" />
        </Col>
        <Col {...half}>
          <F s="basic" p="establishedDate" />
        </Col>
        <Col {...half}>
          <F s="basic" p="registeredCapital" />
        </Col>
        <Col span={24}>
          <RegionField confirmed={props.regionConfirmed} onConfirm={props.onRegionConfirm} />
        </Col>
        <Col xs={24} md={16}>
          <F s="basic" p="address" />
        </Col>
        <Col xs={24} md={8}>
          <F s="basic" p="postcode" />
        </Col>
        <Col {...half}>
          <F s="basic" p="legalRepresentative.name" />
        </Col>
        <Col {...half}>
          <F s="basic" p="legalRepresentative.mobile" />
        </Col>
        <Col {...third}>
          <F s="basic" p="contact.name" />
        </Col>
        <Col {...third}>
          <F s="basic" p="contact.title" />
        </Col>
        <Col {...third}>
          <F s="basic" p="contact.mobile" />
        </Col>
        <Col {...half}>
          <F s="basic" p="contact.phone" />
        </Col>
        <Col {...half}>
          <F s="basic" p="contact.email" />
        </Col>
        <Col {...half}>
          <F s="basic" p="registrationType" />
        </Col>
        <Col {...half}>
          <F s="basic" p="industryCode" />
        </Col>
        <Col {...third}>
          <F s="basic" p="listingStatus" />
        </Col>
        {(listing === 'listed' ||
          listing === 'neeq' ||
          !isBlankValue(getAt(ed.values.basic, 'stockCode'))) && (
          <Col {...third}>
            <F s="basic" p="stockCode" />
          </Col>
        )}
        <Col {...third}>
          <F s="basic" p="nicheYears" />
        </Col>
        <Col span={24}>
          <F s="basic" p="mainBusiness" />
        </Col>
      </Row>
    </Form>
  );
}
