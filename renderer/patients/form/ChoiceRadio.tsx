import { Radio, type RadioGroupProps } from 'antd';

type Props<T extends string> = Omit<RadioGroupProps, 'options' | 'children'> & {
  choices: readonly T[];
  label: (choice: T) => string;
  /** Each radio's input is `<testIdPrefix>-<choice>`. */
  testIdPrefix: string;
};

/** A short closed list as radios: one click or arrow keys, every choice visible. */
export function ChoiceRadio<T extends string>({ choices, label, testIdPrefix, ...props }: Props<T>) {
  return (
    <Radio.Group {...props}>
      {choices.map((choice) => (
        <Radio key={choice} value={choice} data-testid={`${testIdPrefix}-${choice}`}>
          {label(choice)}
        </Radio>
      ))}
    </Radio.Group>
  );
}
