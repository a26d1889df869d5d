import { Card } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { LargeTextSwitch } from '../a11y/LargeTextSwitch';
import { MAIN_CONTENT_ID } from '../a11y/SkipLink';
import { PageTitle, PLATFORM_NAME } from './PageTitle';

export { PLATFORM_NAME };

/** The frame of the public pages (login, registration, recovery). */
export function AuthLayout({
  title,
  children,
  wide = false,
}: {
  title: string;
  children: ReactNode;
  wide?: boolean;
}) {
  return (
    <div className="auth-page">
      <PageTitle title={title} />
      <header className="auth-header">
        <h1>
          <Link to="/login" style={{ color: 'inherit' }}>
            {PLATFORM_NAME}
          </Link>
        </h1>
        <p>千企升级 · 优质中小企业入库培育、数据更新与创新型中小企业评价</p>
        <LargeTextSwitch />
      </header>
      <main className="auth-main" id={MAIN_CONTENT_ID} tabIndex={-1}>
        <Card
          className={wide ? 'auth-card wide' : 'auth-card'}
          title={<h2 style={{ margin: 0, fontSize: 18 }}>{title}</h2>}
        >
          {children}
        </Card>
      </main>
      <footer className="auth-footer">建议使用最新版 Chrome、Edge 或 Firefox 浏览器访问本平台</footer>
    </div>
  );
}
