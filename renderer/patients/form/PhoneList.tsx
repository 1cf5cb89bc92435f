import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { phoneRule } from './patientRules.ts';

const MAX_PHONES = 3;

/** Up to three numbers, the first always shown; blank lines are dropped on submit. */
export function PhoneList() {
  const { t } = useTranslation();
  // A line added by the button takes the cursor; lines present from the start do not.
  const [added, setAdded] = useState(false);
  return (
    <Form.List name="phones">
      {(fields, { add, remove }) => (
        <>
          {fields.map((field, index) => (
            <Form.Item key={field.key} label={t('patients.form.phone', { n: index + 1 })} required={false}>
              <Flex gap="small" align="start">
                <Form.Item name={field.name} rules={[phoneRule(t)]} noStyle>
                  <Input
                    inputMode="tel"
                    autoComplete="off"
                    maxLength={24}
                    autoFocus={added && index === fields.length - 1}
                    aria-label={t('patients.form.phone', { n: index + 1 })}
                    data-testid={`register-phone-${index}`} />
                </Form.Item>
                {fields.length > 1 && (
                  <Button
                    type="text"
                    icon={<MinusCircleOutlined aria-hidden />}
                    aria-label={t('patients.form.removePhone', { n: index + 1 })}
                    onClick={() => remove(field.name)}
                    data-testid={`register-phone-remove-${index}`}
                  />
                )}
              </Flex>
            </Form.Item>
          ))}
          {fields.length < MAX_PHONES && (
            <Form.Item>
              <Button
                type="dashed"
                icon={<PlusOutlined aria-hidden />}
                onClick={() => {
                  add('');
                  setAdded(true);
                }}
                data-testid="register-phone-add"
              >
                {t('patients.form.addPhone')}
              </Button>
            </Form.Item>
          )}
        </>
      )}
    </Form.List>
  );
}
