import { Select, type SelectProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { ID_TYPES, type IdType } from '../patientEnums.ts';

type Props = Omit<SelectProps<IdType>, 'options' | 'optionRender'> & { testId: string };

/** Identity document types by their translated names; each option is `<testId>-option-<type>` for the end-to-end tests. */
export function IdTypeSelect({ testId, ...props }: Props) {
  const { t } = useTranslation();
  return (
    <Select<IdType>
      {...props}
      data-testid={testId}
      virtual={false}
      options={ID_TYPES.map((type) => ({ value: type, label: t(`patients.idTypes.${type}`) }))}
      optionRender={(option) => <span data-testid={`${testId}-option-${String(option.value)}`}>{option.label}</span>}
    />
  );
}
