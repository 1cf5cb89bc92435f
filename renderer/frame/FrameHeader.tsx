import { Flex, Layout, theme, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { BreakGlassButton } from '../session/breakglass/BreakGlassButton.tsx';
import { useSession } from '../session/SessionContext.ts';
import { UserMenu } from '../session/user/UserMenu.tsx';
import { AboutButton } from './about/AboutButton.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { NavCollapseToggle } from './NavCollapseToggle.tsx';
import { ThemeToggle } from './ThemeToggle.tsx';

/** The clinic, the workstation's controls, and who is signed in. */
export function FrameHeader() {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const { clinicName } = useSession();
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
      <Flex gap={token.marginXS} align="baseline" style={{ flex: 1, minWidth: 0 }}>
        <Typography.Text strong ellipsis style={{ fontSize: token.fontSizeLG }} data-testid="header-clinic-name">
          {clinicName ?? t('app.name')}
        </Typography.Text>
        {clinicName && <Typography.Text type="secondary">{t('app.name')}</Typography.Text>}
      </Flex>
      <Flex gap={token.marginXS} align="center">
        <BreakGlassButton />
        <LanguageSwitch />
        <ThemeToggle />
        <AboutButton />
        <UserMenu />
      </Flex>
    </Layout.Header>
  );
}
