import { Alert, Col, Form, Row, Typography } from 'antd';
import { emptyIpRow, emptyProductRow, fiscalYears, SECTION_FIELDS } from '../../../../shared/filing';
import { FieldHelp } from '../../../components/filing/FieldHelp';
import { fieldId, useEditor } from './context';
import { F, FieldControl, FieldLabel, FieldMessages } from './fields';
import { RowsTable } from './rows';
import { getAt, isBlankValue } from './model';

const half = { xs: 24, md: 12 };
const third = { xs: 24, md: 8 };

// ------------------------------------------------------------------ 产品信息

export function ProductsSection() {
  return (
    <Form layout="vertical" component="div">
      <Typography.Paragraph type="secondary">
        第 1 行为主导产品（销售收入最高的产品），其所属领域用于创新型中小企业评价。
        <FieldHelp def={SECTION_FIELDS.products[0]!} label="主导产品" />
      </Typography.Paragraph>
      <RowsTable
        s="products"
        list="mainProducts"
        min={1}
        addLabel="添加产品"
        newRow={emptyProductRow}
        stacked
        columns={[
          { key: 'name' },
          { key: 'category' },
          { key: 'strategicEmergingField' },
          { key: 'salesRevenue' },
          { key: 'marketShareNational' },
          { key: 'ownBrand' },
          { key: 'description', wide: true },
        ]}
      />
    </Form>
  );
}

// ------------------------------------------------------------------ 经营情况

export function OperationsSection({ previousYear }: { previousYear: number | null }) {
  const ed = useEditor();
  const years = fiscalYears(ed.campaignYear);
  const lastTwo = new Set([years[1], years[2]]);
  return (
    <div>
      <Typography.Paragraph type="secondary">
        三个会计年度并列填写，金额单位均为万元（可带千位逗号，离开输入框时自动规范为两位小数）。
        {previousYear !== null && ` 灰色小字为 ${previousYear} 年度已通过审核的填报数据，供对照。`}
      </Typography.Paragraph>
      <div className="ops-table-wrap">
        <table className="ops-table" id="ops-years">
          <thead>
            <tr>
              <th style={{ width: 150 }}>项目</th>
              {years.map((y) => (
                <th key={y}>{y} 年度</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {SECTION_FIELDS.operations.map((def) => {
              const key = def.path.split('.').pop()!;
              return (
                <tr key={key}>
                  <th scope="row">
                    <FieldLabel def={{ ...def, required: false }} />
                  </th>
                  {years.map((y) => {
                    const path = `years.${y}.${key}`;
                    const prev = ed.previousOf('operations', path);
                    const required = def.requiredYears === 'lastTwo' && lastTwo.has(y);
                    const label = `${y} 年度${def.label}`;
                    return (
                      <td key={y} className={ed.commentOf('operations', path) ? 'field-returned' : undefined}>
                        <div className="ops-cell">
                          {required && (
                            <span className="req-mark" aria-hidden>
                              *
                            </span>
                          )}
                          <FieldControl section="operations" path={path} def={def} ariaLabel={label} />
                        </div>
                        {prev !== undefined && !isBlankValue(prev) && (
                          <div className="prev-value">上年填报：{String(prev)}</div>
                        )}
                        <FieldMessages section="operations" path={path} />
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}

// ------------------------------------------------------------------ 创新研发

export function InnovationSection() {
  return (
    <Form layout="vertical" component="div">
      <Typography.Title level={5}>
        知识产权 <FieldHelp def={SECTION_FIELDS.innovation[0]!} label="知识产权" />
      </Typography.Title>
      <RowsTable
        s="innovation"
        list="ipItems"
        addLabel="添加知识产权"
        newRow={emptyIpRow}
        stacked
        columns={[
          { key: 'category' },
          { key: 'number' },
          { key: 'name' },
          { key: 'grantDate' },
          { key: 'acquisition' },
          { key: 'transferDate' },
          { key: 'relatedToMainProduct' },
          { key: 'highValueBasis', wide: true },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        研发机构{' '}
        <FieldHelp
          def={SECTION_FIELDS.innovation.find((f) => f.path === 'rdInstitutions')!}
          label="研发机构"
        />
      </Typography.Title>
      <RowsTable
        s="innovation"
        list="rdInstitutions"
        addLabel="添加研发机构"
        newRow={() => ({ name: '', type: '', level: '', certifiedBy: '', certifiedDate: '' })}
        columns={[
          { key: 'name', width: 240 },
          { key: 'type', width: 170 },
          { key: 'level', width: 120 },
          { key: 'certifiedBy', width: 200 },
          { key: 'certifiedDate', width: 150 },
        ]}
      />
      <Row gutter={16} style={{ marginTop: 24 }}>
        <Col {...half}>
          <F s="innovation" p="standardsParticipation" />
        </Col>
        <Col {...half}>
          <F s="innovation" p="digitalLevel" />
        </Col>
        <Col span={24}>
          <F s="innovation" p="qualityItems" />
        </Col>
      </Row>
    </Form>
  );
}

// ------------------------------------------------------------------ 已认定事项

export function RecognitionsSection({ equity3Years }: { equity3Years: string }) {
  const ed = useEditor();
  const held = (p: string) => getAt(ed.values.recognitions, p) === true;
  const maker = String(getAt(ed.values.recognitions, 'makerChina.rank') ?? 'none');
  return (
    <Form layout="vertical" component="div">
      <Row gutter={16}>
        <Col {...third}>
          <F s="recognitions" p="highTech.held" />
        </Col>
        {held('highTech.held') && (
          <>
            <Col {...third}>
              <F s="recognitions" p="highTech.certificateNo" />
            </Col>
            <Col {...third}>
              <F s="recognitions" p="highTech.issueDate" />
            </Col>
          </>
        )}
      </Row>
      <Row gutter={16}>
        <Col {...third}>
          <F s="recognitions" p="techInnovationDemo.held" />
        </Col>
        {held('techInnovationDemo.held') && (
          <Col {...third}>
            <F s="recognitions" p="techInnovationDemo.year" />
          </Col>
        )}
      </Row>
      <Row gutter={16}>
        <Col {...third}>
          <F s="recognitions" p="ipAdvantageOrDemo.held" />
        </Col>
        {held('ipAdvantageOrDemo.held') && (
          <>
            <Col {...third}>
              <F s="recognitions" p="ipAdvantageOrDemo.type" />
            </Col>
            <Col {...third}>
              <F s="recognitions" p="ipAdvantageOrDemo.validUntil" />
            </Col>
          </>
        )}
      </Row>
      <Typography.Title level={5}>
        科技奖励{' '}
        <FieldHelp
          def={SECTION_FIELDS.recognitions.find((f) => f.path === 'sciTechAwards')!}
          label="科技奖励"
        />
      </Typography.Title>
      <RowsTable
        s="recognitions"
        list="sciTechAwards"
        addLabel="添加科技奖励"
        newRow={() => ({ level: '', name: '', grade: '', rank: '', year: '' })}
        columns={[
          { key: 'level', width: 150 },
          { key: 'name', width: 220 },
          { key: 'grade', width: 120 },
          { key: 'rank', width: 120 },
          { key: 'year', width: 120 },
        ]}
      />
      <Row gutter={16} style={{ marginTop: 24 }}>
        <Col {...third}>
          <F s="recognitions" p="equityFinancing3Years">
            <Typography.Text id={fieldId('recognitions', 'equityFinancing3Years')}>
              {equity3Years} 万元
            </Typography.Text>
          </F>
        </Col>
        <Col {...third}>
          <F s="recognitions" p="makerChina.rank" />
        </Col>
        {(maker === 'top500' || maker === 'top50') && (
          <Col {...third}>
            <F s="recognitions" p="makerChina.year" />
          </Col>
        )}
      </Row>
      <Typography.Title level={5}>
        其他荣誉{' '}
        <FieldHelp
          def={SECTION_FIELDS.recognitions.find((f) => f.path === 'otherHonours')!}
          label="其他荣誉"
        />
      </Typography.Title>
      <RowsTable
        s="recognitions"
        list="otherHonours"
        addLabel="添加荣誉"
        newRow={() => ({ type: '', name: '', batch: '', year: '' })}
        columns={[
          { key: 'type', width: 200 },
          { key: 'name', width: 220 },
          { key: 'batch', width: 120 },
          { key: 'year', width: 120 },
        ]}
      />
      <Alert
        type="info"
        showIcon
        style={{ marginTop: 16 }}
        title="满足任一直通条件（有效期内的高新技术企业等荣誉、近三年国家级或省级科技奖励、省部级以上研发机构、近三年新增股权融资 500 万元以上）即符合创新型中小企业评价标准，须在“附件”中上传直通条件证明。"
      />
    </Form>
  );
}
