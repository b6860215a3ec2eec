// The implementation behind main/app/monitoring-service.ts (work in progress on branch svc).
import type { WorkspaceResult } from '../core/errors.js';
import type { Settings } from '../core/settings/schema.js';
import type {
  AccountGroups, AccountState, ConnectionDraft, ConnectionTestAnswer, HistoryAnswer, HistoryRequest, MonitoringEvent,
  MonitoringEventOf, MonitoringEventType, MonitoringService, MonitoringServiceDeps, MonitoringState, RequestContext, SpikeMark,
} from './monitoring-service.js';

export class MonitoringServiceImpl implements MonitoringService {
  constructor(readonly deps: MonitoringServiceDeps) {}
  start(): Promise<WorkspaceResult<void>> { throw new Error('not implemented yet'); }
  stop(): Promise<void> { throw new Error('not implemented yet'); }
  applySettings(_settings: Settings): Promise<void> { throw new Error('not implemented yet'); }
  credentialsChanged(_accountId: string): Promise<void> { throw new Error('not implemented yet'); }
  state(): MonitoringState { throw new Error('not implemented yet'); }
  accountState(_accountId: string): AccountState | null { throw new Error('not implemented yet'); }
  groups(_accountId: string): AccountGroups | null { throw new Error('not implemented yet'); }
  subscribe(_listener: (event: MonitoringEvent) => void): () => void { throw new Error('not implemented yet'); }
  on<T extends MonitoringEventType>(_type: T, _listener: (event: MonitoringEventOf<T>) => void): () => void { throw new Error('not implemented yet'); }
  refresh(_accountId?: string): Promise<void> { throw new Error('not implemented yet'); }
  pause(_accountId?: string): void { throw new Error('not implemented yet'); }
  resume(_accountId?: string): Promise<void> { throw new Error('not implemented yet'); }
  snooze(_until: number | null): Promise<WorkspaceResult<void>> { throw new Error('not implemented yet'); }
  queryHistory(_request: HistoryRequest): Promise<WorkspaceResult<HistoryAnswer>> { throw new Error('not implemented yet'); }
  spikeLog(_accountId: string, _from?: number, _to?: number): readonly SpikeMark[] { throw new Error('not implemented yet'); }
  testConnection(_target: ConnectionDraft | { readonly accountId: string }): Promise<WorkspaceResult<ConnectionTestAnswer>> { throw new Error('not implemented yet'); }
  requestContext(_accountId: string): WorkspaceResult<RequestContext> { throw new Error('not implemented yet'); }
}
