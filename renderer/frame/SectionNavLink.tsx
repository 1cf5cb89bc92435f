import { Button, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Section } from './sections.ts';
import { sectionHref } from './useHashSection.ts';

interface Props {
  section: Section;
  /** Its Alt+digit key, e.g. `Alt+2`. */
  shortcut: string;
  active: boolean;
  /** Icon only, named by tooltip and aria-label. */
  collapsed: boolean;
}

/** A real link (reachable by Tab, opens the hash route) styled as an antd button. */
export function SectionNavLink({ section: { id, Icon }, shortcut, active, collapsed }: Props) {
  const { t } = useTranslation();
  const title = t(`sections.${id}`);
  const link = (
    <Button
      href={sectionHref(id)}
      block
      color={active ? 'primary' : 'default'}
      variant={active ? 'filled' : 'text'}
      icon={<Icon aria-hidden />}
      aria-current={active ? 'page' : undefined}
      aria-label={collapsed ? title : undefined}
      aria-keyshortcuts={shortcut}
      data-testid={`nav-${id}`}
      style={{ justifyContent: collapsed ? 'center' : 'flex-start' }}
    >
      {collapsed ? null : title}
    </Button>
  );
  return collapsed ? (
    <Tooltip title={`${title} (${shortcut})`} placement="right">
      {link}
    </Tooltip>
  ) : (
    link
  );
}
