import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { createRouter } from './routes';
import './styles.css';
import { useReducedMotion } from './a11y/reducedMotion';
import { appTheme } from './theme';

dayjs.locale('zh-cn');

const router = createRouter();

/** The platform's theme around everything (messages and dialogs opened through App included). */
function Themed({ children }: { children: ReactNode }) {
  const reducedMotion = useReducedMotion();
  return (
    <ConfigProvider locale={zhCN} theme={appTheme(false, reducedMotion)}>
      {children}
    </ConfigProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Themed>
      <AntApp>
        <RouterProvider router={router} />
      </AntApp>
    </Themed>
  </StrictMode>,
);
