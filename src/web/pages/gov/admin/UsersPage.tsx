import { SecurityPolicyCard } from './SecurityPolicyCard';
import { LeftOutlined, PlusOutlined, RightOutlined, SearchOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { ROLE_LABELS, type GovRole } from '../../../../shared/permissions';
import { cities, JIANGSU } from '../../../../shared/regions';
import {
  GOV_ROLES,
  USER_STATUS_LABELS,
  USER_STATUSES,
  type GovUserListQuery,
  type GovUserView,
} from '../../../../shared/schemas/admin-api';
import { adminApi } from '../../../api/admin';
import { enabledMessage } from './lockout';
import { errorMessage } from '../../../api/client';
import { formatShanghai } from '../../../components/Countdown';
import { PageTitle } from '../../../components/PageTitle';
import { useSubmit } from '../../../forms/useSubmit';
import { allCountyGroups, filterByLabel, GovPage, type RegionGroup } from '../GovAccess';

/** The regions a role may be bound to: counties (dev zones marked 开发区), the 13 cities, or 江苏省. */
function regionOptionsForRole(role: GovRole | undefined): RegionGroup[] | { value: string; label: string }[] {
  if (role === 'county_reviewer') return allCountyGroups();
  if (role === 'city_reviewer') return cities().map((c) => ({ value: c.code, label: c.name }));
  if (role === 'province' || role === 'admin' || role === 'security_admin' || role === 'audit_admin')
    return [{ value: JIANGSU.code, label: JIANGSU.name }];
  return [];
}

/** Region filter of the list: the province, a city (with its counties) or a county. */
function regionFilterOptions() {
  return [
    { label: '全省', options: [{ value: JIANGSU.code, label: JIANGSU.name }] },
    { label: '设区市（含所辖县区）', options: cities().map((c) => ({ value: c.code, label: c.name })) },
    ...allCountyGroups(),
  ];
}

interface Filters {
  role?: GovRole;
  regionCode?: string;
  status?: 'active' | 'disabled';
  q?: string;
}

export default function UsersPage() {
  return (
    <GovPage path="users">
      {(role) => (
        <>
          {role === 'security_admin' && <SecurityPolicyCard />}
          <Users security={role === 'security_admin'} />
        </>
      )}
    </GovPage>
  );
}

/**
 * 三员分立: the system administrator creates, disables and enables accounts; the security administrator resets
 * passwords, lifts lockouts and ends sessions. Each sees only its own buttons (the server checks the same).
 */
function Users({ security }: { security: boolean }) {
  const { message, modal } = App.useApp();
  const [filters, setFilters] = useState<Filters>({});
  const [stack, setStack] = useState<(string | undefined)[]>([undefined]);
  const [items, setItems] = useState<GovUserView[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [creating, setCreating] = useState(false);
  const [resetting, setResetting] = useState<GovUserView | null>(null);
  const [filterForm] = Form.useForm<Filters>();
  const cursor = stack[stack.length - 1];
  const regionFilter = useMemo(() => regionFilterOptions(), []);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const q: GovUserListQuery = { ...filters, limit: 20 };
      if (cursor) q.cursor = cursor;
      const r = await adminApi.users(q);
      setItems(r.items);
      setNextCursor(r.nextCursor);
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setLoading(false);
    }
  }, [filters, cursor, message]);

  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- loads data from the server
    void load();
  }, [load]);

  const replace = (u: GovUserView) => setItems((list) => list.map((x) => (x.id === u.id ? u : x)));

  const disable = (u: GovUserView) => {
    let reason = '';
    modal.confirm({
      title: `停用账号 ${u.username}？`,
      content: (
        <div>
          <Typography.Paragraph>停用后该账号立即退出登录且不能再登录，可随时重新启用。</Typography.Paragraph>
          <Input.TextArea
            rows={2}
            maxLength={200}
            placeholder="停用原因（选填）"
            onChange={(e) => (reason = e.target.value)}
          />
        </div>
      ),
      okText: '停用',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: async () => {
        try {
          replace(await adminApi.disable(u.id, reason.trim() ? { reason: reason.trim() } : {}));
          message.success('账号已停用');
        } catch (err) {
          message.error(errorMessage(err));
        }
      },
    });
  };

  const securityAction = async (u: GovUserView, action: 'unlock' | 'endSessions' | 'resetSecondFactor') => {
    try {
      replace(await adminApi[action](u.id));
      message.success(
        action === 'unlock'
          ? '已解除锁定'
          : action === 'endSessions'
            ? '已强制退出该账号的所有登录'
            : '已解除该账号绑定的身份验证器，并强制退出其所有登录',
      );
    } catch (err) {
      message.error(errorMessage(err));
    }
  };

  const enable = async (u: GovUserView) => {
    try {
      const enabled = await adminApi.enable(u.id);
      replace(enabled);
      const m = enabledMessage(enabled, new Date());
      message[m.type](m.text);
    } catch (err) {
      message.error(errorMessage(err));
    }
  };

  return (
    <Card
      title="用户管理"
      extra={
        security ? undefined : (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} id="user-new">
            新建工信部门账号
          </Button>
        )
      }
    >
      <PageTitle title="用户管理" />
      <Form<Filters>
        form={filterForm}
        layout="inline"
        style={{ rowGap: 12, marginBottom: 16 }}
        onFinish={(v) => {
          setFilters({
            role: v.role,
            regionCode: v.regionCode,
            status: v.status,
            q: v.q?.trim() || undefined,
          });
          setStack([undefined]);
        }}
      >
        <Form.Item name="q" label="关键字">
          <Input allowClear placeholder="用户名或姓名" style={{ width: 180 }} />
        </Form.Item>
        <Form.Item name="role" label="角色">
          <Select
            allowClear
            placeholder="全部"
            style={{ width: 180 }}
            options={GOV_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
          />
        </Form.Item>
        <Form.Item name="regionCode" label="地区">
          <Select
            allowClear
            showSearch={{ filterOption: filterByLabel }}
            placeholder="全部"
            style={{ width: 220 }}
            options={regionFilter}
          />
        </Form.Item>
        <Form.Item name="status" label="状态">
          <Select
            allowClear
            placeholder="全部"
            style={{ width: 100 }}
            options={USER_STATUSES.map((s) => ({ value: s, label: USER_STATUS_LABELS[s] }))}
          />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
            查询
          </Button>
        </Form.Item>
      </Form>
      <Table<GovUserView>
        id="user-table"
        rowKey="id"
        loading={loading}
        dataSource={items}
        pagination={false}
        scroll={{ x: 1100 }}
        columns={[
          { title: '用户名', dataIndex: 'username' },
          { title: '姓名/科室', dataIndex: 'displayName' },
          { title: '角色', dataIndex: 'roleLabel' },
          { title: '所属地区', dataIndex: 'regionName', render: (v: string | null) => v ?? '—' },
          { title: '手机', dataIndex: 'mobileMasked', render: (v: string | null) => v ?? '—' },
          {
            title: '状态',
            dataIndex: 'status',
            render: (s: GovUserView['status'], u) => (
              <Space>
                <Tag color={s === 'active' ? 'green' : 'default'}>{u.statusLabel}</Tag>
                {u.lockedUntil && new Date(u.lockedUntil) > new Date() && <Tag color="red">已锁定</Tag>}
                {u.totpEnabled && <Tag color="blue">已绑定身份验证器</Tag>}
                {u.mustChangePassword && (
                  <Tag color="orange" title="该账号登录后须先修改密码，才能使用其他功能">
                    待修改密码
                  </Tag>
                )}
              </Space>
            ),
          },
          { title: '在线会话', dataIndex: 'activeSessions', width: 90 },
          { title: '创建时间', dataIndex: 'createdAt', render: (v: string) => formatShanghai(v) },
          {
            title: '操作',
            key: 'ops',
            fixed: 'right',
            width: security ? 380 : 100,
            render: (_: unknown, u) =>
              security ? (
                <Space>
                  <Button size="small" onClick={() => setResetting(u)}>
                    重置密码
                  </Button>
                  <Button size="small" onClick={() => void securityAction(u, 'unlock')}>
                    解除锁定
                  </Button>
                  <Button size="small" danger onClick={() => void securityAction(u, 'endSessions')}>
                    强制退出
                  </Button>
                  {u.totpEnabled && (
                    <Popconfirm
                      title="重置第二因素"
                      description="解除该账号绑定的身份验证器（如手机丢失或更换），并强制退出其所有登录。该操作将记入审计日志。"
                      okText="重置"
                      cancelText="取消"
                      onConfirm={() => securityAction(u, 'resetSecondFactor')}
                    >
                      <Button size="small" danger>
                        重置第二因素
                      </Button>
                    </Popconfirm>
                  )}
                </Space>
              ) : u.status === 'active' ? (
                <Button size="small" danger onClick={() => disable(u)}>
                  停用
                </Button>
              ) : (
                <Button size="small" onClick={() => void enable(u)}>
                  启用
                </Button>
              ),
          },
        ]}
      />
      <Space style={{ marginTop: 16 }}>
        <Button
          icon={<LeftOutlined />}
          disabled={stack.length <= 1}
          onClick={() => setStack((s) => s.slice(0, -1))}
        >
          上一页
        </Button>
        <Button disabled={!nextCursor} onClick={() => nextCursor && setStack((s) => [...s, nextCursor])}>
          下一页 <RightOutlined />
        </Button>
      </Space>
      {creating && (
        <CreateUserDialog
          onClose={() => setCreating(false)}
          onCreated={(u) => {
            setCreating(false);
            message.success(`已创建账号 ${u.username}，请将初始密码告知本人，其首次登录后须先修改密码`);
            void load();
          }}
        />
      )}
      {resetting && (
        <ResetPasswordDialog
          user={resetting}
          onClose={() => setResetting(null)}
          onDone={(u) => {
            replace(u);
            setResetting(null);
            message.success('密码已重置，该账号已退出登录。请将新密码告知本人，其登录后须先修改密码');
          }}
        />
      )}
    </Card>
  );
}

interface CreateForm {
  username?: string;
  displayName?: string;
  role?: GovRole;
  regionCode?: string;
  mobile?: string;
  password?: string;
  passwordConfirm?: string;
}

function CreateUserDialog({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (u: GovUserView) => void;
}) {
  const [form] = Form.useForm<CreateForm>();
  const role = Form.useWatch('role', form);
  const regionOptions = useMemo(() => regionOptionsForRole(role), [role]);

  const save = useSubmit(
    async () => {
      const v = await form.validateFields().catch(() => null);
      if (!v) return;
      const u = await adminApi.createUser({
        username: v.username ?? '',
        displayName: v.displayName ?? '',
        role: v.role as GovRole,
        regionCode: v.regionCode ?? '',
        mobile: v.mobile ?? '',
        password: v.password ?? '',
        passwordConfirm: v.passwordConfirm ?? '',
      });
      onCreated(u);
    },
    { form, showUnplaced: true },
  );

  return (
    <Modal
      open
      title="新建工信部门账号"
      okText="创建"
      cancelText="取消"
      confirmLoading={save.busy}
      onCancel={onClose}
      onOk={() => void save.submit()}
      width={600}
    >
      {save.error && (
        <Alert type="error" showIcon role="alert" title={save.error} style={{ marginBottom: 12 }} />
      )}
      <Alert
        type="info"
        showIcon
        title="请将用户名和初始密码告知使用人。其首次登录后须先修改密码，才能使用其他功能。"
        style={{ marginBottom: 12 }}
      />
      <Form<CreateForm> form={form} layout="vertical" id="user-form">
        <Form.Item name="role" label="角色" rules={[{ required: true, message: '请选择角色' }]}>
          <Select
            options={GOV_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
            onChange={(r: GovRole) =>
              form.setFieldValue(
                'regionCode',
                r === 'province' || r === 'admin' || r === 'security_admin' || r === 'audit_admin'
                  ? JIANGSU.code
                  : undefined,
              )
            }
          />
        </Form.Item>
        <Form.Item
          name="regionCode"
          label="所属地区"
          rules={[{ required: true, message: '请选择所属地区' }]}
          extra={role === 'county_reviewer' ? '开发区（功能区）也是审核单元，标注为“开发区”。' : undefined}
        >
          <Select
            showSearch={{ filterOption: filterByLabel }}
            disabled={!role}
            options={regionOptions}
            placeholder={role ? '请选择' : '请先选择角色'}
          />
        </Form.Item>
        <Form.Item name="username" label="用户名" rules={[{ required: true, message: '请输入用户名' }]}>
          <Input maxLength={32} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="displayName"
          label="姓名或科室名称"
          rules={[{ required: true, whitespace: true, message: '请输入姓名或科室名称' }]}
        >
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="mobile" label="手机（选填，用于接收待审提醒）">
          <Input maxLength={11} />
        </Form.Item>
        <Form.Item name="password" label="初始密码" rules={[{ required: true, message: '请输入初始密码' }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="passwordConfirm"
          label="确认密码"
          dependencies={['password']}
          rules={[
            { required: true, message: '请再次输入密码' },
            ({ getFieldValue }) => ({
              validator: (_r, value) =>
                !value || getFieldValue('password') === value
                  ? Promise.resolve()
                  : Promise.reject(new Error('两次输入的密码不一致，请重新输入')),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ResetPasswordDialog({
  user,
  onClose,
  onDone,
}: {
  user: GovUserView;
  onClose: () => void;
  onDone: (u: GovUserView) => void;
}) {
  const [form] = Form.useForm<{ password?: string; passwordConfirm?: string }>();
  const save = useSubmit(
    async () => {
      const v = await form.validateFields().catch(() => null);
      if (!v) return;
      onDone(
        await adminApi.resetPassword(user.id, {
          password: v.password ?? '',
          passwordConfirm: v.passwordConfirm ?? '',
        }),
      );
    },
    { form, showUnplaced: true },
  );
  return (
    <Modal
      open
      title={`重置 ${user.username} 的密码`}
      okText="重置"
      cancelText="取消"
      confirmLoading={save.busy}
      onCancel={onClose}
      onOk={() => void save.submit()}
    >
      {save.error && (
        <Alert type="error" showIcon role="alert" title={save.error} style={{ marginBottom: 12 }} />
      )}
      <Alert
        type="info"
        showIcon
        title="重置后该账号的所有登录立即退出；使用人用新密码登录后须先修改密码，才能使用其他功能。"
        style={{ marginBottom: 12 }}
      />
      <Form form={form} layout="vertical" id="reset-password-form">
        <Form.Item name="password" label="新密码" rules={[{ required: true, message: '请输入新密码' }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="passwordConfirm"
          label="确认新密码"
          dependencies={['password']}
          rules={[
            { required: true, message: '请再次输入密码' },
            ({ getFieldValue }) => ({
              validator: (_r, value) =>
                !value || getFieldValue('password') === value
                  ? Promise.resolve()
                  : Promise.reject(new Error('两次输入的密码不一致，请重新输入')),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
