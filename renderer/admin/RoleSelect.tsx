import { Select, type SelectProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role } from '../../preload/contract/roles.ts';

type Props = Omit<SelectProps<Role>, 'options' | 'optionRender'> & { testId: string };

/** Staff roles by their translated names; each option is `<testId>-option-<role>` for the end-to-end tests. */
export function RoleSelect({ testId, ...props }: Props) {
  const { t } = useTranslation();
  return (
    <Select<Role>
      {...props}
      data-testid={testId}
      // A short list: every option in the DOM keeps them all reachable by test id.
      virtual={false}
      options={ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
      optionRender={(option) => <span data-testid={`${testId}-option-${String(option.value)}`}>{option.label}</span>}
    />
  );
}
