import { Typography } from 'antd';
import { ChangeMobileCard } from '../account/ChangeMobileCard';
import { ChangePasswordCard } from '../account/ChangePasswordCard';
import { MyDataCard } from '../account/MyDataCard';
import { PageTitle } from '../../components/PageTitle';

export default function QiyeAccountPage() {
  return (
    <div style={{ maxWidth: 880 }}>
      <PageTitle title="账号设置" />
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        账号设置
      </Typography.Title>
      <ChangePasswordCard />
      <ChangeMobileCard />
      <MyDataCard />
    </div>
  );
}
