import { Card, Flex, Layout, theme, Typography } from 'antd';
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../frame/LanguageSwitch.tsx';
import { ThemeToggle } from '../frame/ThemeToggle.tsx';

interface Props {
  testId: string;
  /** Names the screen: the card's heading and the window title. */
  title: string;
  clinicName?: string | null;
  width?: number;
  children: ReactNode;
}

/** The frame of the screens shown before the app: setup, sign-in and lock. Language and theme work here too. */
export function GateLayout({ testId, title, clinicName = null, width = 420, children }: Props) {
  const { t } = useTranslation();
  const { token } = theme.useToken();

  useEffect(() => {
    document.title = `${title} · ${t('app.name')}`;
  }, [title, t]);

  return (
    <Layout data-testid={testId} style={{ minHeight: '100vh' }}>
      <Flex component="header" align="center" gap={token.marginXS} style={{ padding: token.padding }}>
        <Typography.Text strong style={{ flex: 1, fontSize: token.fontSizeLG }}>
          {clinicName ?? t('app.name')}
        </Typography.Text>
        <LanguageSwitch />
        <ThemeToggle />
      </Flex>
      <Flex component="main" justify="center" align="flex-start" style={{ flex: 1, padding: token.paddingLG }}>
        <Card style={{ width: '100%', maxWidth: width, marginTop: '8vh' }}>
          <Typography.Title level={1} style={{ marginTop: 0, fontSize: token.fontSizeHeading3 }}>
            {title}
          </Typography.Title>
          {children}
        </Card>
      </Flex>
    </Layout>
  );
}
