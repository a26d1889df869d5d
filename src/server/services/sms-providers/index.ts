import type { Db } from '../../db/client';
import { OutboxSmsProvider, type SmsGateway } from '../sms';
import { AliyunSmsGateway } from './aliyun';
import type { SmsConfig } from './config';
import { HttpSmsGateway } from './http';
import { TencentSmsGateway } from './tencent';

/** The gateway SMS_PROVIDER names (its settings were validated by loadSmsConfig at start-up). */
export function createSmsGateway(config: SmsConfig, db: Db): SmsGateway {
  switch (config.provider) {
    case 'aliyun':
      return new AliyunSmsGateway(config);
    case 'tencent':
      return new TencentSmsGateway(config);
    case 'http':
      return new HttpSmsGateway(config);
    case 'outbox':
      return new OutboxSmsProvider(db);
  }
}
