/** Window presets (width / centre in HU) on number keys 1–5, as on CT consoles. */
export const WINDOW_PRESETS = [
  { id: 'brain', key: '1', width: 80, center: 40 },
  { id: 'lung', key: '2', width: 1500, center: -600 },
  { id: 'bone', key: '3', width: 2000, center: 300 },
  { id: 'abdomen', key: '4', width: 400, center: 50 },
  { id: 'mediastinum', key: '5', width: 350, center: 50 },
] as const;

export type WindowPresetId = (typeof WINDOW_PRESETS)[number]['id'];
