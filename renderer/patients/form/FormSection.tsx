import { theme } from 'antd';
import type { ReactNode } from 'react';

/** A titled group of fields, so a long form reads in parts (and screen readers announce the group). */
export function FormSection({ title, children }: { title: string; children: ReactNode }) {
  const { token } = theme.useToken();
  return (
    <fieldset style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
      <legend
        style={{
          width: '100%',
          padding: `0 0 ${token.paddingXS}px`,
          marginBottom: token.marginSM,
          borderBottom: `1px solid ${token.colorBorderSecondary}`,
          color: token.colorTextHeading,
          fontSize: token.fontSizeLG,
          fontWeight: token.fontWeightStrong,
        }}
      >
        {title}
      </legend>
      {children}
    </fieldset>
  );
}
