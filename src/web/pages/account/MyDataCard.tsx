import { Button, Card, Typography } from 'antd';

/** The personal information the enterprise gave, as one Excel file (ADR 0025); the download is audited. */
export const MY_DATA_URL = '/api/v1/account/my-data.xlsx';

export function MyDataCard() {
  return (
    <Card title="下载本企业个人信息" style={{ marginTop: 16 }} id="my-data">
      <Typography.Paragraph>
        下载贵企业在本平台填写的个人信息（账号、企业注册信息、各次填报中的法定代表人和联系人，含完整手机号码），Excel
        文件，中文表头。下载记录会记入平台审计日志；文件请妥善保管。
      </Typography.Paragraph>
      <Button id="my-data-download" href={MY_DATA_URL} download>
        下载个人信息（Excel）
      </Button>
    </Card>
  );
}
