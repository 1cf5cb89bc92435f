import { ConfigProvider } from 'antd';
import type { ReactNode } from 'react';
import { themeConfig } from './themeConfig.ts';

/** Imaging is read in dim rooms and greyscale images need a dark surround, whatever the general theme. */
export function DarkThemeScope({ children }: { children: ReactNode }) {
  return <ConfigProvider theme={themeConfig('dark')}>{children}</ConfigProvider>;
}
