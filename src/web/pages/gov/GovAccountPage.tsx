import { Typography } from 'antd';
import { ChangePasswordCard } from '../account/ChangePasswordCard';
import { TotpCard } from '../account/TotpCard';
import { PageTitle } from '../../components/PageTitle';

export default function GovAccountPage() {
  return (
    <div style={{ maxWidth: 880 }}>
      <PageTitle title="账号设置" />
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        账号设置
      </Typography.Title>
      <ChangePasswordCard />
      <TotpCard />
    </div>
  );
}
