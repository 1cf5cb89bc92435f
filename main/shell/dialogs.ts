import { BrowserWindow, dialog } from 'electron';
import type { FileDialogs } from '../platform/dialogs.ts';

/** Electron's native choosers, modal to the workstation window. */
export const electronDialogs: FileDialogs = {
  async chooseSaveFile({ defaultName, filterName, extensions }) {
    const options = { defaultPath: defaultName, filters: [{ name: filterName, extensions: [...extensions] }] };
    const window = BrowserWindow.getFocusedWindow();
    const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
    return result.canceled || !result.filePath ? null : result.filePath;
  },
  async chooseOpenFile({ filterName, extensions }) {
    const options = { properties: ['openFile' as const], filters: [{ name: filterName, extensions: [...extensions] }] };
    const window = BrowserWindow.getFocusedWindow();
    const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
    return result.canceled ? null : (result.filePaths[0] ?? null);
  },
  async chooseOpenFiles({ filterName, extensions }) {
    const filters = extensions.length > 0 ? [{ name: filterName, extensions: [...extensions] }] : [];
    const options = { properties: ['openFile' as const, 'multiSelections' as const], filters };
    const window = BrowserWindow.getFocusedWindow();
    const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
    return result.canceled || result.filePaths.length === 0 ? null : result.filePaths;
  },
  async chooseFolder() {
    const options = { properties: ['openDirectory' as const] };
    const window = BrowserWindow.getFocusedWindow();
    const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
    return result.canceled ? null : (result.filePaths[0] ?? null);
  },
};
