import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { createWorkstationApi, IPC_EVENT, IPC_INVOKE } from './api.ts';

const api = createWorkstationApi({
  invoke: (channel, payload) => ipcRenderer.invoke(IPC_INVOKE, channel, payload),
  listen: (listener) => {
    ipcRenderer.on(IPC_EVENT, (_event, name: string, payload: unknown) => listener(name, payload));
  },
  pathForFile: (file) => webUtils.getPathForFile(file),
});

contextBridge.exposeInMainWorld('workstation', api);
