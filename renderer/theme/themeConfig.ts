import { theme, type ThemeConfig } from 'antd';
import type { Preferences } from '../../preload/contract/settings.ts';

export type ThemeMode = Preferences['theme'];

const THEMES: Record<ThemeMode, ThemeConfig> = {
  light: { algorithm: theme.defaultAlgorithm },
  dark: { algorithm: theme.darkAlgorithm },
};

export function themeConfig(mode: ThemeMode): ThemeConfig {
  return THEMES[mode];
}
