import type { ErrorCode } from '../../preload/contract/index.ts';
import type { Health } from '../../preload/contract/app.ts';

/** Chinese (default language). Its shape is the key set every other language must provide. */
export const zhCN = {
  app: {
    name: '诊所工作站',
    loading: '正在加载…',
  },
  language: {
    /** The language's own name, shown on the switch that selects it. */
    self: '中文',
    switchTo: '切换界面语言为 {{language}}',
  },
  frame: {
    skipToContent: '跳到主要内容',
    navigation: '功能导航',
    collapseNav: '收起导航',
    expandNav: '展开导航',
    darkTheme: '深色主题',
  },
  sections: {
    patients: '患者',
    schedule: '预约排班',
    imaging: '影像',
    analytics: '统计分析',
    sync: '数据同步',
    admin: '系统管理',
    laterRelease: '此功能将在后续版本中提供。',
    loading: '正在打开…',
  },
  about: {
    open: '关于',
    title: '关于与系统状态',
    close: '关闭',
    info: {
      title: '软件信息',
      name: '名称',
      version: '版本',
      electron: 'Electron',
      chrome: 'Chromium',
      node: 'Node.js',
      platform: '操作系统',
      clinicSetup: '诊所设置',
      setupDone: '已完成',
      setupPending: '尚未完成',
      notApplicable: '不适用',
    },
    health: {
      title: '系统自检',
      recheck: '重新检查',
      overall: '总体状态',
      status: {
        ok: '正常',
        degraded: '需要注意',
        failed: '故障',
      } satisfies Record<Health['status'], string>,
      checks: {
        dataDir: '数据文件夹',
        disk: '磁盘空间',
        probe: '自检程序',
      },
    },
  },
  preferences: {
    notSaved: '设置未能保存：{{reason}}',
  },
  fallback: {
    appTitle: '工作站界面出现问题',
    appMessage: '请重新加载窗口后继续工作。如果问题反复出现，请联系信息科。',
    sectionTitle: '此部分暂时无法显示',
    sectionMessage: '可以重试，或先切换到其他功能。如果问题反复出现，请联系信息科。',
    settingsTitle: '无法读取工作站设置',
    retry: '重试',
    reload: '重新加载',
  },
  errors: {
    VALIDATION: '部分内容填写有误，请检查标出的字段。',
    UNKNOWN_CHANNEL: '当前版本不支持此功能。',
    UNAUTHENTICATED: '请先登录。',
    FORBIDDEN: '您的角色无权执行此操作。',
    SESSION_LOCKED: '工作站已锁定，请解锁后继续。',
    NOT_FOUND: '未找到所请求的记录。',
    CONFLICT: '该记录已被其他人修改，请刷新后重试。',
    RATE_LIMITED: '尝试次数过多，请稍后再试。',
    UNAVAILABLE: '服务暂时不可用，请稍后重试。',
    INTERNAL: '发生内部错误，请重试。如果问题反复出现，请联系信息科。',
  } satisfies Record<ErrorCode, string>,
};

export type Messages = typeof zhCN;
