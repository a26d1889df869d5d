import { Alert, Col, Form, Row, Typography } from 'antd';
import { F } from './fields';
import { useEditor } from './context';
import { getAt } from './model';

const third = { xs: 24, md: 8 };
const FIGURES = ['employees', 'techStaff', 'salesRevenue', 'totalCost', 'rdExpense', 'totalAssets'];
const DECLARED = ['residentEnterprise', 'notProhibited', 'noMajorIncident'];
const DIRECT = ['nationalAwardTop3', 'provincialRdInstitution', 'ledStandard'];

/** 科技型评价指标: the 115号 figures of the last accounting year, the IP counts, the conditions and direct conditions. */
export default function TechSmeSection() {
  const ed = useEditor();
  const fiscalYear = ed.campaignYear - 1;
  const highTech = getAt(ed.values.techSme, 'highTechValid') === true;
  return (
    <Form layout="vertical" component="div">
      <Typography.Paragraph type="secondary">
        按《科技型中小企业评价办法》（国科发政〔2017〕115号）填写 {fiscalYear}{' '}
        年度数据，金额单位为万元。评价得分由系统按第七条计算，研发投入指标取两种比例中得分较高者。
      </Typography.Paragraph>
      <Typography.Title level={5}>{fiscalYear} 年度经营和科技人员情况</Typography.Title>
      <Row gutter={16}>
        {FIGURES.map((p) => (
          <Col {...third} key={p}>
            <F s="techSme" p={p} />
          </Col>
        ))}
      </Row>
      <Typography.Title level={5}>与主要产品（服务）相关的有效知识产权</Typography.Title>
      <Row gutter={16}>
        <Col {...third}>
          <F s="techSme" p="ipClassI" />
        </Col>
        <Col {...third}>
          <F s="techSme" p="ipClassII" />
        </Col>
      </Row>
      <Typography.Title level={5}>基本条件（第六条）</Typography.Title>
      {DECLARED.map((p) => (
        <F s="techSme" p={p} key={p} />
      ))}
      <Typography.Title level={5}>直接确认条件（第八条，满足任一项即符合评价条件）</Typography.Title>
      <Row gutter={16}>
        <Col {...third}>
          <F s="techSme" p="highTechValid" />
        </Col>
        {highTech && (
          <Col {...third}>
            <F s="techSme" p="highTechCertNo" />
          </Col>
        )}
      </Row>
      {DIRECT.map((p) => (
        <F s="techSme" p={p} key={p} />
      ))}
      <Alert
        type="info"
        showIcon
        style={{ marginTop: 8 }}
        title="声明满足直接确认条件的，须在“附件”中上传直接确认条件证明；填写了知识产权的，须上传知识产权证书。"
      />
    </Form>
  );
}
