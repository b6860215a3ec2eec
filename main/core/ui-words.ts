// Every word main shows itself (the tray's menu and tooltip, desktop notifications), in English and Simplified
// Chinese; the windows have their own table (renderer/lib/messages.ts). `{name}` placeholders are filled by `say`,
// numbers grouped for the language. The Chinese table must name every key the English one has (the type says so).
// The English is also what the CLI prints for a spike (`watch`): change it only with the tests that read it.
import type { AppState } from '../../preload/contract.js';

export type Language = AppState['language'];

const en = {
  // The tray's menu.
  'tray.show': 'Show Workspace Tray',
  'tray.noAccount': 'No account yet',
  'tray.demo': 'Demo data',
  'tray.refresh': 'Refresh now',
  'tray.openDashboard': 'Open dashboard',
  'tray.pause': 'Pause notifications',
  'tray.paused': 'Notifications paused',
  'tray.pausedUntil': 'Paused until {time}',
  'tray.pauseHour': 'For 1 hour',
  'tray.pauseTomorrow': 'Until tomorrow {time}',
  'tray.resume': 'Resume',
  'tray.settings': 'Settings…',
  'tray.launchAtLogin': 'Launch at login',
  'tray.quit': 'Quit Workspace Tray',
  // The tray's tooltip.
  'tip.noAccount': 'Workspace Tray: no account yet. Open it to add one.',
  'tip.demo': 'Workspace Tray: demo data',
  'tip.demoSimulator': 'Workspace Tray: demo data from the built-in simulator',
  'tip.pausedUntil': 'Notifications paused until {time}',
  'tip.more': '… and {count} more',
  // An account's line in both: `prod: 12 disconnected · stale, updated 5 min ago`.
  'account.demoName': '{name} (demo data)',
  'account.status': '{name}: {status}',
  'account.countStatus': '{name}: {count} {metric} · {status}',
  'account.stateUpdated': '{state}, {updated}',
  'account.refreshing': 'refreshing, {updated}',
  'account.updated': 'updated {ago}',
  'account.noData': 'no data yet',
  'state.spike': 'alert',
  'state.stale': 'stale',
  'state.error-auth': 'sign-in or permission error',
  'state.error-network': 'network error',
  'state.error-service': 'service error',
  // The metric after a count: `12 disconnected`, `3 in use`.
  'metric.running_num': 'running',
  'metric.stop_num': 'stopped',
  'metric.hibernate_num': 'hibernated',
  'metric.other_num': 'in another power state',
  'metric.attached_num': 'assigned',
  'metric.unattached_num': 'unassigned',
  'metric.cannot_attach_num': 'cannot be assigned',
  'metric.in_process_num': 'being assigned',
  'metric.in_use_num': 'in use',
  'metric.ready_num': 'ready',
  'metric.disconnected_num': 'disconnected',
  'metric.unregistered_num': 'unregistered',
  'metric.unknown_num': 'in an unknown state',
  // Ages, compact (a tooltip line has little room).
  'age.justNow': 'just now',
  'age.seconds': '{count} s ago',
  'age.minutes': '{count} min ago',
  'age.hours': '{count} h ago',
  'age.days': '{count} d ago',
  // Spike and recovery notifications (main/core/engine/notification.ts words them).
  'spike.group': 'Disconnected sessions spiked in {group} ({delta})',
  'spike.fleet': 'Disconnected sessions spiked across the fleet ({delta})',
  'recovery.group': 'Disconnected sessions back to normal in {group}',
  'recovery.fleet': 'Disconnected sessions back to normal across the fleet',
  'note.fleet': 'Fleet: {transition}',
  'note.largestRises': '{transition}; largest group rises: {list}',
  'note.backToNormal': 'Back to normal: {list}',
  'note.otherGroup': '{lead}; also {count} other group: {list}',
  'note.otherGroups': '{lead}; also {count} other groups: {list}',
  'note.usersCount': '{group}: {count} disconnected',
  'note.usersNamed': '{head}: {names}',
  'note.quickReconnect': '{reconnected} of {total} sessions reconnected within {minutes} minutes: a brief interruption',
  'note.quickReconnectMinute': '{reconnected} of {total} sessions reconnected within {minutes} minute: a brief interruption',
  'transition.of': '{transition} of {desktops} desktops',
  'list.separator': ', ',
  'list.more': '{list} and {count} more',
  'list.moreUsers': '{list} and {count} more',
  sentence: '{text}.',
  'sentence.separator': ' ',
  'notification.title': '{account}: {title}',
  'notification.demoTitle': 'Demo data: {title}',
  'notification.demoNote': 'Demo data from the built-in simulator, not your fleet.',
  'settingsSetAside.title': 'Workspace Tray: settings file set aside',
};

export type UiWord = keyof typeof en;

const zhCN: Record<UiWord, string> = {
  'tray.show': '显示 Workspace Tray',
  'tray.noAccount': '尚未添加账号',
  'tray.demo': '演示数据',
  'tray.refresh': '立即刷新',
  'tray.openDashboard': '打开仪表板',
  'tray.pause': '暂停通知',
  'tray.paused': '通知已暂停',
  'tray.pausedUntil': '暂停至 {time}',
  'tray.pauseHour': '1 小时',
  'tray.pauseTomorrow': '至明天 {time}',
  'tray.resume': '恢复通知',
  'tray.settings': '设置…',
  'tray.launchAtLogin': '登录时启动',
  'tray.quit': '退出 Workspace Tray',
  'tip.noAccount': 'Workspace Tray：尚未添加账号，打开即可添加。',
  'tip.demo': 'Workspace Tray：演示数据',
  'tip.demoSimulator': 'Workspace Tray：内置模拟器的演示数据',
  'tip.pausedUntil': '通知暂停至 {time}',
  'tip.more': '… 另有 {count} 项',
  'account.demoName': '{name}（演示数据）',
  'account.status': '{name}：{status}',
  'account.countStatus': '{name}：{count} 台{metric} · {status}',
  'account.stateUpdated': '{state}，{updated}',
  'account.refreshing': '正在刷新，{updated}',
  'account.updated': '{ago}更新',
  'account.noData': '尚无数据',
  'state.spike': '突增告警',
  'state.stale': '数据过期',
  'state.error-auth': '登录或权限错误',
  'state.error-network': '网络错误',
  'state.error-service': '服务错误',
  'metric.running_num': '运行中',
  'metric.stop_num': '已关机',
  'metric.hibernate_num': '已休眠',
  'metric.other_num': '处于其他电源状态',
  'metric.attached_num': '已分配',
  'metric.unattached_num': '未分配',
  'metric.cannot_attach_num': '无法分配',
  'metric.in_process_num': '分配中',
  'metric.in_use_num': '使用中',
  'metric.ready_num': '就绪',
  'metric.disconnected_num': '已断开',
  'metric.unregistered_num': '未注册',
  'metric.unknown_num': '状态未知',
  // As Intl.RelativeTimeFormat('zh-CN', { style: 'short' }) says them (the test checks).
  'age.justNow': '刚刚',
  'age.seconds': '{count}秒前',
  'age.minutes': '{count}分钟前',
  'age.hours': '{count}小时前',
  'age.days': '{count}天前',
  'spike.group': '{group} 的断开会话突增（{delta}）',
  'spike.fleet': '全部桌面的断开会话突增（{delta}）',
  'recovery.group': '{group} 的断开会话已恢复正常',
  'recovery.fleet': '全部桌面的断开会话已恢复正常',
  'note.fleet': '全部桌面：{transition}',
  'note.largestRises': '{transition}；增幅最大的桌面组：{list}',
  'note.backToNormal': '已恢复正常：{list}',
  'note.otherGroup': '{lead}；另有 {count} 个桌面组：{list}',
  'note.otherGroups': '{lead}；另有 {count} 个桌面组：{list}',
  'note.usersCount': '{group}：{count} 台已断开',
  'note.usersNamed': '{head}：{names}',
  'note.quickReconnect': '{total} 个会话中有 {reconnected} 个在 {minutes} 分钟内重新连接，只是短暂中断',
  'note.quickReconnectMinute': '{total} 个会话中有 {reconnected} 个在 {minutes} 分钟内重新连接，只是短暂中断',
  'transition.of': '{transition}（共 {desktops} 台桌面）',
  'list.separator': '、',
  'list.more': '{list} 等另外 {count} 个',
  'list.moreUsers': '{list} 等 {count} 人',
  sentence: '{text}。',
  'sentence.separator': '',
  'notification.title': '{account}：{title}',
  'notification.demoTitle': '演示数据：{title}',
  'notification.demoNote': '这是内置模拟器的演示数据，不是您的桌面。',
  'settingsSetAside.title': 'Workspace Tray：设置文件无法使用，已另存',
};

export const UI_WORDS: Readonly<Record<Language, Readonly<Record<UiWord, string>>>> = { en, 'zh-CN': zhCN };

// en-US, not en: the grouping the CLI's English has always printed (the same for both today, pinned anyway).
const numberFormats: Readonly<Record<Language, Intl.NumberFormat>> = {
  en: new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 }),
  'zh-CN': new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 0 }),
};

/** `1234` → `1,234`, grouped as the language groups. */
export function numberText(value: number, language: Language): string {
  return numberFormats[language].format(value);
}

/** The word in the language, `{name}` replaced by `params.name` (numbers grouped for the language). */
export function say(language: Language, word: UiWord, params: Readonly<Record<string, string | number>> = {}): string {
  return UI_WORDS[language][word].replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : typeof value === 'number' ? numberText(value, language) : value;
  });
}
