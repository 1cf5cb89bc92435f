import { Flex, Layout, theme, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { AboutButton } from './about/AboutButton.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { NavCollapseToggle } from './NavCollapseToggle.tsx';
import { ThemeToggle } from './ThemeToggle.tsx';

export function FrameHeader() {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  return (
    <Layout.Header
      style={{
        display: 'flex',
        alignItems: 'center',
        gap: token.marginSM,
        paddingInline: token.padding,
        background: token.colorBgContainer,
        borderBottom: `1px solid ${token.colorBorderSecondary}`,
      }}
    >
      <NavCollapseToggle />
      <Typography.Text strong style={{ flex: 1, fontSize: token.fontSizeLG }}>
        {t('app.name')}
      </Typography.Text>
      <Flex gap={token.marginXS} align="center">
        <LanguageSwitch />
        <ThemeToggle />
        <AboutButton />
      </Flex>
    </Layout.Header>
  );
}
