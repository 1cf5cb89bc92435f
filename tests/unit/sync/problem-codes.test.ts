import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { syncProblemCodeSchema, syncProblemDetailSchema } from '../../../preload/contract/sync.ts';
import { explain } from '../../../main/sync/connection-test.ts';
import { classify, knownStopCode, PermanentSyncError } from '../../../main/sync/retry.ts';
import { en } from '../../../renderer/i18n/en.ts';
import { zhCN } from '../../../renderer/i18n/zh-CN.ts';
import { problemText } from '../../../renderer/sync/problemText.ts';

/** As the AWS SDK throws a service's refusal: the code as the name, the status in $metadata, the service's text as the message. */
const awsError = (name: string, status: number, message = 'The service says something about the request') =>
  Object.assign(new Error(message), { name, $fault: 'client', $metadata: { httpStatusCode: status, requestId: 'R1' } });

const networkError = (code: string) => Object.assign(new Error(`connect ${code} 127.0.0.1:9`), { code });

function stopOf(error: unknown): PermanentSyncError {
  const kind = classify(error);
  if (kind === 'transient') throw new Error('expected a permanent failure');
  return kind;
}

describe('sync failure codes and their detail', () => {
  it('names an unexpected refusal by its HTTP status and the service code, never by the service text', () => {
    const stop = stopOf(awsError('InvalidArgument', 400, 'Argument x-amz-meta-patient=WANG Wei is invalid'));
    expect(stop).toMatchObject({ code: 'Unexpected', detail: { httpStatus: 400, serviceCode: 'InvalidArgument' } });
    expect(stop.message).toBe('The storage service refused a request (HTTP 400, InvalidArgument).');
    expect(stop.message).not.toContain('WANG');
    expect(syncProblemDetailSchema.parse(stop.detail)).toEqual(stop.detail);
  });

  it('keeps a service "code" that is free text out of the detail and the message', () => {
    for (const name of ['Bad request for patient WANG Wei', '<Error>', '9Digits', 'x'.repeat(65)]) {
      const stop = stopOf(awsError(name, 400));
      expect(stop.detail).toEqual({ httpStatus: 400 });
      expect(stop.message).toBe('The storage service refused a request (HTTP 400).');
    }
    // The XML `Code` field, when the SDK sets it, wins over the name.
    expect(stopOf(Object.assign(awsError('Unknown', 409), { Code: 'BucketNotEmpty' })).detail).toEqual({ httpStatus: 409, serviceCode: 'BucketNotEmpty' });
    // The SDK's name for an answer without a body (a HEAD) is not the service's code.
    expect(stopOf(awsError('Unknown', 403))).toMatchObject({ code: 'AccessDenied', detail: { httpStatus: 403 } });
    expect(stopOf(awsError('UnknownError', 400)).detail).toEqual({ httpStatus: 400 });
  });

  it('gives a known refusal its own code with the status, and a 403 of another name as AccessDenied with that name', () => {
    expect(stopOf(awsError('NoSuchBucket', 404))).toMatchObject({ code: 'NoSuchBucket', detail: { httpStatus: 404 } });
    expect(stopOf(awsError('NoSuchBucket', 404)).detail).not.toHaveProperty('serviceCode');
    expect(stopOf(awsError('InvalidAccessKeyId', 403))).toMatchObject({ code: 'InvalidAccessKeyId', detail: { httpStatus: 403 } });
    expect(stopOf(awsError('AccountProblem', 403))).toMatchObject({ code: 'AccessDenied', detail: { httpStatus: 403, serviceCode: 'AccountProblem' } });
    // Thrown by the worker itself (a revoked workstation): no service detail.
    expect(new PermanentSyncError('Revoked', 'revoked').detail).toEqual({});
  });

  it('names each connection test outcome', () => {
    expect(explain(networkError('ENOTFOUND'))).toEqual({ code: 'EndpointNotFound', detail: {} });
    expect(explain(networkError('EAI_AGAIN'))).toEqual({ code: 'EndpointNotFound', detail: {} });
    expect(explain(networkError('ECONNREFUSED'))).toEqual({ code: 'ConnectionRefused', detail: {} });
    // A network code is Node's, not the service's: it is not passed on as a service code.
    expect(explain(networkError('ECONNRESET'))).toEqual({ code: 'NoProperAnswer', detail: {} });
    expect(explain(awsError('SlowDown', 503))).toEqual({ code: 'NoProperAnswer', detail: { httpStatus: 503, serviceCode: 'SlowDown' } });
    expect(explain(awsError('SignatureDoesNotMatch', 403))).toEqual({ code: 'SignatureDoesNotMatch', detail: { httpStatus: 403 } });
    expect(explain(awsError('MethodNotAllowed', 405))).toEqual({ code: 'Unexpected', detail: { httpStatus: 405, serviceCode: 'MethodNotAllowed' } });
  });

  it('reads a stored stop code this version does not know as an unnamed refusal', () => {
    expect(knownStopCode('NoSuchBucket')).toBe('NoSuchBucket');
    expect(knownStopCode('QuotaExceeded')).toBe('Unexpected');
  });
});

describe('sync failures in the UI language', () => {
  const i18n = i18next.createInstance();
  void i18n.init({ resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } }, lng: 'zh-CN', initAsync: false, interpolation: { escapeValue: false } });
  const zh = i18n.getFixedT('zh-CN');
  const english = i18n.getFixedT('en');

  it('has a Chinese sentence for every code', () => {
    for (const code of syncProblemCodeSchema.options) {
      const text = problemText(zh, { code, detail: {} });
      expect(text, code).toMatch(/[\u4e00-\u9fff]/);
      expect(text, code).not.toBe(problemText(english, { code, detail: {} }));
    }
  });

  it('puts the detail into the sentence', () => {
    expect(problemText(zh, { code: 'Unexpected', detail: { httpStatus: 400, serviceCode: 'InvalidArgument' } })).toBe(
      '存储服务拒绝了请求。请检查目标设置，然后点击“立即同步”。详情：HTTP 400，存储服务错误代码 InvalidArgument',
    );
    expect(problemText(zh, { code: 'LocalStore', detail: { sqliteCode: 'SQLITE_FULL' } })).toBe('同步过程中本工作站的数据库出错，系统将自动重试。详情：数据库错误代码 SQLITE_FULL');
    expect(problemText(english, { code: 'AccessDenied', detail: { httpStatus: 403, serviceCode: 'AccountProblem' } })).toBe(
      'The storage service refused access. The key needs read, write, list and delete permission on the bucket and prefix. Details: HTTP 403, service code AccountProblem.',
    );
  });
});
